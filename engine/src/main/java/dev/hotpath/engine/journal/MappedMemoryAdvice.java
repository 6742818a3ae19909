package dev.hotpath.engine.journal;

import dev.hotpath.engine.linux.LibC;

/**
 * Tells Linux how a journal's memory mapping will be used ({@code madvise}). A page fault on a file mapping
 * normally maps a whole neighbourhood of pages at once (fault-around, large page-cache folios), and the first write
 * to a fresh file page then allocates and zeroes many pages inside one fault: measured on a 2-vCPU KVM guest
 * (ext4, Linux 6.18), one-byte writes to each page of a new 256 MB mapping took p99.9 0.5 ms and up to 17 ms in a
 * single fault, a fault no thread can be preempted out of. With {@code MADV_RANDOM} each fault maps one page: the
 * same total cost, but p99.9 74-89 µs and at most 0.3 ms per fault ({@code benchmarks/pagefaults/pagefaults.c}).
 *
 * <p>Stateless; any thread. Does nothing off Linux (the call then returns false).
 */
public final class MappedMemoryAdvice
{
    private static final int MADV_RANDOM = 1;

    private MappedMemoryAdvice()
    {
    }

    /**
     * Asks for page-at-a-time faults on a mapped range.
     *
     * @param address start of the mapping, page aligned.
     * @param length  its length.
     * @return true when the kernel took the advice.
     */
    public static boolean randomAccess(final long address, final long length)
    {
        final LibC libc = LibC.get();
        return libc != null && libc.madvise(address, length, MADV_RANDOM) == 0;
    }
}
