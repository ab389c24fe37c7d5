/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.benchmarks.mapcache;

import io.fmc4j.api.Afi;
import io.fmc4j.api.mapcache.EidKey;
import org.agrona.collections.LongHashSet;

import java.util.HashSet;
import java.util.SplittableRandom;

/**
 * Deterministic prefix sets with realistic length mixes, and key streams over them.
 * <ul>
 *   <li>IPv4 (a routing-table-like mix): /8-/15 2 %, /16-/19 8 %, /20-/23 30 %, /24 55 %, /25-/31 2 %, /32 3 %,
 *   all inside 0.0.0.0/1 so that addresses in 128.0.0.0/1 always miss.</li>
 *   <li>IPv6: /32 10 %, /36-/47 15 %, /48 50 %, /56 10 %, /64 12 %, /128 3 %, inside 2000::/4 (misses: 3000::/4).</li>
 * </ul>
 */
final class PrefixMix
{
    final int afi;
    final int count;
    final int[] lengths;
    final long[] his;
    final long[] los;

    private PrefixMix(final int afi, final int count)
    {
        this.afi = afi;
        this.count = count;
        lengths = new int[count];
        his = new long[count];
        los = new long[count];
    }

    static PrefixMix generate(final int afi, final int count, final long seed)
    {
        final PrefixMix mix = new PrefixMix(afi, count);
        final SplittableRandom random = new SplittableRandom(seed);
        if (afi == Afi.IPV4)
        {
            final LongHashSet seen = new LongHashSet(count * 2);
            int n = 0;
            while (n < count)
            {
                final int length = ipv4Length(random.nextInt(100), random);
                final long hi = (random.nextLong() >>> 1) & EidKey.maskHi(length) & EidKey.maskHi(32);
                if (seen.add((hi >>> 24) | length))
                {
                    mix.lengths[n] = length;
                    mix.his[n] = hi;
                    n++;
                }
            }
        }
        else
        {
            final HashSet<String> seen = new HashSet<>(count * 2);
            int n = 0;
            while (n < count)
            {
                final int length = ipv6Length(random.nextInt(100), random);
                final long hi = ((random.nextLong() >>> 4) | 0x2000_0000_0000_0000L) & EidKey.maskHi(length);
                final long lo = random.nextLong() & EidKey.maskLo(length);
                if (seen.add(hi + ":" + lo + "/" + length))
                {
                    mix.lengths[n] = length;
                    mix.his[n] = hi;
                    mix.los[n] = lo;
                    n++;
                }
            }
        }
        return mix;
    }

    private static int ipv4Length(final int pick, final SplittableRandom random)
    {
        if (pick < 2)
        {
            return 8 + random.nextInt(8);
        }
        if (pick < 10)
        {
            return 16 + random.nextInt(4);
        }
        if (pick < 40)
        {
            return 20 + random.nextInt(4);
        }
        if (pick < 95)
        {
            return 24;
        }
        return pick < 97 ? 25 + random.nextInt(7) : 32;
    }

    private static int ipv6Length(final int pick, final SplittableRandom random)
    {
        if (pick < 10)
        {
            return 32;
        }
        if (pick < 25)
        {
            return 36 + random.nextInt(12);
        }
        if (pick < 75)
        {
            return 48;
        }
        if (pick < 85)
        {
            return 56;
        }
        return pick < 97 ? 64 : 128;
    }

    /**
     * Addresses to look up: {@code stream} is "hit-uniform" (a random prefix, random host bits), "hit-zipf"
     * (prefix ranks drawn with Zipf exponent 1), or "miss" (outside every prefix).
     */
    void keys(final String stream, final long[] hiOut, final long[] loOut, final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final int max = Afi.maxMaskLength(afi);
        double[] cdf = null;
        if ("hit-zipf".equals(stream))
        {
            cdf = new double[count];
            double sum = 0;
            for (int i = 0; i < count; i++)
            {
                sum += 1.0 / (i + 1);
                cdf[i] = sum;
            }
            for (int i = 0; i < count; i++)
            {
                cdf[i] /= sum;
            }
        }
        for (int k = 0; k < hiOut.length; k++)
        {
            if ("miss".equals(stream))
            {
                if (afi == Afi.IPV4)
                {
                    hiOut[k] = ((random.nextLong() | Long.MIN_VALUE) & EidKey.maskHi(32));
                    loOut[k] = 0;
                }
                else
                {
                    hiOut[k] = (random.nextLong() >>> 4) | 0x3000_0000_0000_0000L;
                    loOut[k] = random.nextLong();
                }
                continue;
            }
            final int i;
            if (cdf != null)
            {
                final double u = random.nextDouble();
                int lo = 0;
                int hi = count - 1;
                while (lo < hi)
                {
                    final int mid = (lo + hi) >>> 1;
                    if (cdf[mid] < u)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
                i = lo;
            }
            else
            {
                i = random.nextInt(count);
            }
            final int length = lengths[i];
            hiOut[k] = (his[i] | (random.nextLong() & ~EidKey.maskHi(length))) & EidKey.maskHi(max);
            loOut[k] = (los[i] | (random.nextLong() & ~EidKey.maskLo(length))) & EidKey.maskLo(max);
        }
    }
}
