/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.spi.hypervisor.sim;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time source of the simulator: virtual time for fast tests, or real time scaled by a speed factor for demos.
 */
public abstract class SimClock
{
    /**
     * Current time.
     *
     * @return nanoseconds on this clock.
     */
    public abstract long nanoTime();

    /**
     * Wait until the clock reads at least the given time, or the latch opens.
     *
     * @param timeNanos time to reach.
     * @param interrupt a latch whose opening ends the wait early.
     * @return true when the time was reached, false when the latch opened first.
     * @throws InterruptedException when the thread is interrupted.
     */
    public abstract boolean awaitUntil(long timeNanos, CountDownLatch interrupt) throws InterruptedException;

    /**
     * A virtual clock: waiting advances it at once. Statistics come from the model, so concurrent runs sharing it
     * stay exact; only their event timestamps interleave.
     *
     * @return a new clock starting at 0.
     */
    public static SimClock virtual()
    {
        return new Virtual();
    }

    /**
     * A clock that runs in real time multiplied by {@code speed}: 1.0 is real time, 10.0 runs ten times faster.
     *
     * @param speed factor, greater than 0.
     * @return a new clock.
     */
    public static SimClock scaled(final double speed)
    {
        if (!(speed > 0) || Double.isInfinite(speed))
        {
            throw new IllegalArgumentException("speed must be a finite number > 0: " + speed);
        }
        return new Scaled(speed);
    }

    static final class Virtual extends SimClock
    {
        private final AtomicLong now = new AtomicLong();

        @Override
        public long nanoTime()
        {
            return now.get();
        }

        @Override
        public boolean awaitUntil(final long timeNanos, final CountDownLatch interrupt)
        {
            if (interrupt.getCount() == 0)
            {
                return false;
            }
            now.accumulateAndGet(timeNanos, Math::max);
            return true;
        }
    }

    static final class Scaled extends SimClock
    {
        private final double speed;
        private final long originNanos = System.nanoTime();

        Scaled(final double speed)
        {
            this.speed = speed;
        }

        @Override
        public long nanoTime()
        {
            return (long)((System.nanoTime() - originNanos) * speed);
        }

        @Override
        public boolean awaitUntil(final long timeNanos, final CountDownLatch interrupt) throws InterruptedException
        {
            while (true)
            {
                final long remaining = timeNanos - nanoTime();
                if (remaining <= 0)
                {
                    return interrupt.getCount() != 0;
                }
                if (interrupt.await(Math.max(1, (long)(remaining / speed)), TimeUnit.NANOSECONDS))
                {
                    return false;
                }
            }
        }
    }
}
