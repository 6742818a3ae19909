package dev.hotpath.engine.journal;

/**
 * How far a journal write must get before the command counts as journaled.
 *
 * <p>Immutable; any thread.
 */
public enum Durability
{
    /**
     * The record is in the memory-mapped journal file, i.e. in the operating system's page cache: it survives
     * the engine process dying ({@code kill -9}, a crash) but not the machine losing power. The default, and
     * what LMAX-style engines use with replication for the power-loss case.
     */
    PROCESS_CRASH,
    /**
     * The end of each batch is forced to the disk ({@code msync}) before results leave the engine: survives
     * power loss, at the cost of a disk flush per batch.
     */
    POWER_LOSS
}
