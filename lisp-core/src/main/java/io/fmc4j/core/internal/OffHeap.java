/*
 * Copyright 2026 the fmc4j authors.
 * SPDX-License-Identifier: Apache-2.0
 */
package io.fmc4j.core.internal;

import com.sun.jna.Function;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import org.agrona.BufferUtil;

import java.lang.ref.Cleaner;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * Allocates the large off-heap tables of the map-cache and the mapping database. A table of 2 MiB or more is
 * mapped anonymously ({@code mmap}, through JNA, which Chronicle already brings), 2 MiB aligned, and the kernel is
 * asked to back it with transparent huge pages ({@code madvise(MADV_HUGEPAGE)}) before anything touches it: a
 * random lookup into a 64 MiB DIR-24-8 table or a 150 MB record store then costs one TLB entry per 2 MiB instead of
 * one per 4 KiB, which matters most in virtual machines with nested paging. ({@code ByteBuffer.allocateDirect}
 * cannot do this: it zeroes, and so faults in 4 KiB pages, before advice could be given.) The mapping is released
 * with {@code munmap} when the returned buffer becomes unreachable. Where any of this is unavailable (not Linux,
 * no JNA, a failing call) the table comes from {@code allocateDirect} with normal pages; nothing fails.
 * {@code -Dfmc4j.hugepages=false} turns it off.
 */
public final class OffHeap
{
    /** Size and alignment of an x86-64 huge page. */
    public static final int HUGE_PAGE = 2 * 1024 * 1024;
    private static final int PROT_READ_WRITE = 0x3;
    private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
    private static final int MADV_HUGEPAGE = 14;
    private static final int CACHE_LINE = 64;
    private static final Cleaner CLEANER = Cleaner.create();
    private static final Function MMAP = function("mmap");
    private static final Function MUNMAP = function("munmap");
    private static final Function MADVISE = function("madvise");

    private OffHeap()
    {
    }

    private static Function function(final String name)
    {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"))
        {
            return null;
        }
        try
        {
            return NativeLibrary.getInstance("c").getFunction(name);
        }
        catch (final Throwable ex)
        {
            return null;
        }
    }

    /**
     * Whether large tables are mapped for huge pages: the calls were found and {@code fmc4j.hugepages} is not false.
     *
     * @return true when huge pages are asked for.
     */
    public static boolean hugePagesEnabled()
    {
        return MMAP != null && MUNMAP != null && MADVISE != null &&
            !"false".equals(System.getProperty("fmc4j.hugepages"));
    }

    /**
     * A zeroed, cache-line aligned direct buffer; mapped for huge pages when large.
     *
     * @param capacity bytes.
     * @return the buffer, of exactly {@code capacity} bytes.
     */
    public static ByteBuffer allocate(final int capacity)
    {
        if (capacity >= HUGE_PAGE && hugePagesEnabled())
        {
            final ByteBuffer mapped = mapHuge(capacity);
            if (mapped != null)
            {
                return mapped;
            }
        }
        return BufferUtil.allocateDirectAligned(capacity, CACHE_LINE);
    }

    private static ByteBuffer mapHuge(final int capacity)
    {
        try
        {
            final long length = (long)capacity + HUGE_PAGE;
            final Pointer base = (Pointer)MMAP.invoke(Pointer.class,
                new Object[] {null, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0L});
            final long address = Pointer.nativeValue(base);
            if (base == null || address == -1L)
            {
                return null;
            }
            final long aligned = (address + HUGE_PAGE - 1) & ~(long)(HUGE_PAGE - 1);
            MADVISE.invokeInt(new Object[] {new Pointer(aligned), (long)capacity, MADV_HUGEPAGE});
            final ByteBuffer buffer = new Pointer(aligned).getByteBuffer(0, capacity);
            CLEANER.register(buffer, new Unmap(address, length));
            return buffer;
        }
        catch (final Throwable ex)
        {
            return null;
        }
    }

    private static final class Unmap implements Runnable
    {
        private final long address;
        private final long length;

        Unmap(final long address, final long length)
        {
            this.address = address;
            this.length = length;
        }

        @Override
        public void run()
        {
            MUNMAP.invokeInt(new Object[] {new Pointer(address), length});
        }
    }
}
