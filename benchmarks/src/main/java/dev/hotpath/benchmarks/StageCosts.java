package dev.hotpath.benchmarks;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.CommandClock;
import dev.hotpath.engine.api.NoOpEventSink;
import dev.hotpath.engine.codec.EventEncoder;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.Durability;
import dev.hotpath.engine.journal.EventJournalWriter;
import dev.hotpath.engine.journal.InputJournalReader;
import dev.hotpath.engine.journal.InputJournalWriter;
import dev.hotpath.engine.journal.JournalFormat;
import dev.hotpath.engine.pipeline.CommandEvent;
import dev.hotpath.engine.pipeline.EngineConfig;
import dev.hotpath.workloads.CommandBatch;
import dev.hotpath.workloads.Workload;
import dev.hotpath.workloads.WorkloadGenerator;
import dev.hotpath.workloads.WorkloadSpec;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.IoUtil;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * What each pipeline stage costs per command on its own, one stage at a time on one thread, with no ring and
 * no other thread: the producer's copy into a slot, the matcher's risk + matching + event encoding (into each
 * slot's 256 dense bytes of a ring-sized array, as the pipeline does, and into one reused buffer), risk + matching
 * alone, the journaler's append (blocks of {@value #BATCH}), replay's read of that journal, and the
 * publisher's event journal append. The sum of the pipeline's stages is the CPU a command needs from the
 * machine: on N cores the pipeline can do no better than N / sum, less what its threads spend waiting for
 * each other. Single runs vary by 20-50% on a shared VM: run it twice.
 *
 * <p>Usage: {@code ./hotpath stages [workload W1|W2|W3|W4] [commands] [ring slots]}.
 */
public final class StageCosts
{
    private static final int BATCH = 256;

    private StageCosts()
    {
    }

    /**
     * @param args workload, command count, ring slots.
     * @throws IOException on I/O failure.
     */
    public static void main(final String[] args) throws IOException
    {
        final String name = args.length > 0 ? args[0] : "W1";
        final int count = args.length > 1 ? Integer.parseInt(args[1].replace("_", "")) : 3_000_000;
        final int ringSlots = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 16;
        final WorkloadSpec spec = WorkloadSpec.named(name);
        final Workload workload = Workload.generate(spec, 42, count);
        System.out.printf("%nStage costs, %s, %,d commands, one thread, warm (second of two runs)%n%n", name, count);
        System.out.println("| stage | ns/command |");
        System.out.println("|---|---:|");
        final Command[] ring = new Command[ringSlots];
        // as the engine lays out its ring: each slot's events in 256 dense bytes of one array, overflow apart
        final byte[] arena = new byte[ringSlots * CommandEvent.COMPACT_EVENT_BYTES];
        final UnsafeBuffer[] compact = new UnsafeBuffer[ringSlots];
        final ExpandableArrayBuffer[] overflow = new ExpandableArrayBuffer[ringSlots];
        final MutableDirectBuffer[] slotEvents = new MutableDirectBuffer[ringSlots];
        final int[] slotLengths = new int[ringSlots];
        for (int i = 0; i < ringSlots; i++)
        {
            ring[i] = new Command();
            compact[i] = new UnsafeBuffer(arena, i * CommandEvent.COMPACT_EVENT_BYTES, CommandEvent.COMPACT_EVENT_BYTES);
            slotEvents[i] = compact[i];
        }
        for (int i = 0; i < ringSlots; i++)
        {
            overflow[i] = new ExpandableArrayBuffer(1024);
        }
        for (int run = 0; run < 2; run++)
        {
            final boolean print = run == 1;
            System.gc(); // start each run with no collector work pending (the ring above is 64 MB)
            final CommandBatch commands = workload.commands();
            final int total = commands.size();

            long start = System.nanoTime();
            for (int i = 0; i < total; i++)
            {
                final Command slot = ring[i & (ringSlots - 1)];
                commands.copyTo(i, slot);
                slot.sequence = i + 1;
                slot.timestampNs = CommandClock.nowNs();
            }
            report(print, "producer: copy into a ring slot + clock", start, total);

            for (int pass = 0; pass < 2; pass++) // each twice: the first pass of a loop runs partly in the interpreter
            {
                final boolean last = print && pass == 1;
                matcher(last, workload, commands, ring, compact, overflow, slotEvents, slotLengths, true);
                matcher(last, workload, commands, ring, compact, overflow, slotEvents, slotLengths, false);
                rebuild(last, workload, commands);
            }

            final Path dir = Files.createTempDirectory("hotpath-stages-");
            try
            {
                try (InputJournalWriter journal = new InputJournalWriter(dir.resolve("input"), Durability.PROCESS_CRASH))
                {
                    start = System.nanoTime();
                    for (int i = 0; i < total; i++)
                    {
                        final Command slot = ring[i & (ringSlots - 1)];
                        commands.copyTo(i, slot);
                        slot.sequence = i + 1;
                        journal.append(slot);
                        if ((i + 1) % BATCH == 0)
                        {
                            journal.flush();
                        }
                    }
                    journal.flush();
                    report(print, "journaler: input journal append, flush per " + BATCH, start, total);
                }
                try (InputJournalReader reader = new InputJournalReader(dir.resolve("input")))
                {
                    final Command command = new Command();
                    start = System.nanoTime();
                    long read = 0;
                    while (reader.next(command))
                    {
                        read++;
                    }
                    report(print, "replay: read, check and decode the input journal", start, (int)read);
                }
                long eventBytes = 0;
                try (EventJournalWriter events = new EventJournalWriter(dir.resolve("events")))
                {
                    start = System.nanoTime();
                    for (int i = 0; i < total; i++)
                    {
                        final int s = i & (ringSlots - 1);
                        ring[s].sequence = i + 1;
                        events.append(ring[s], slotEvents[s], slotLengths[s]);
                        eventBytes += FrameLayout.HEADER_LENGTH + slotLengths[s];
                        if ((i + 1) % BATCH == 0)
                        {
                            events.flush();
                        }
                    }
                    events.flush();
                    report(print, "publisher: event journal append (events of the last ring cycle)", start, total);
                }
                if (print)
                {
                    final double inputBytes = JournalFormat.COMMAND_RECORD_LENGTH +
                        (double)JournalFormat.BLOCK_HEADER_LENGTH / BATCH;
                    pageCosts(dir.resolve("pages"), inputBytes, (double)eventBytes / total);
                }
            }
            finally
            {
                IoUtil.delete(dir.toFile(), true);
            }
        }
    }

    /**
     * What writing to a memory-mapped file costs per 4 KB page the first time (the kernel must find, zero and map
     * a page; in a VM the hypervisor may also have to back it) and when the page was written before: every journal
     * byte is written once, to a page nobody wrote before.
     */
    private static void pageCosts(final Path file, final double inputBytes, final double eventBytes) throws IOException
    {
        final int size = 128 << 20;
        final double pages = size / 4096.0;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE))
        {
            final MappedByteBuffer map = channel.map(FileChannel.MapMode.READ_WRITE, 0, size);
            long start = System.nanoTime();
            for (int i = 0; i < size; i += 8)
            {
                map.putLong(i, i);
            }
            final double first = (System.nanoTime() - start) / pages;
            start = System.nanoTime();
            for (int i = 0; i < size; i += 8)
            {
                map.putLong(i, -i);
            }
            final double again = (System.nanoTime() - start) / pages;
            System.out.printf(Locale.ROOT, "%n| writing a memory-mapped file | ns per 4 KB page |%n|---|---:|%n");
            System.out.printf(Locale.ROOT, "| first write to a page | %,.0f |%n", first);
            System.out.printf(Locale.ROOT, "| writing a page written before | %,.0f |%n", again);
            System.out.printf(Locale.ROOT, "%nThe journals write %.0f (input) + %.0f (events) bytes a command: %.0f ns a " +
                "command go to first writes of pages alone (%.0f ns if the pages had been written before).%n",
                inputBytes, eventBytes, (inputBytes + eventBytes) * first / 4096, (inputBytes + eventBytes) * again / 4096);
        }
    }

    private static EngineCore newCore(final Workload workload)
    {
        final EngineConfig config = EngineConfig.builder()
            .directory(Path.of("unused"))
            .instruments(workload.instruments())
            .expectedOrders(WorkloadGenerator.expectedOrders(workload.spec()))
            .snapshotInterval(0)
            .build();
        final EngineCore core = new EngineCore(config);
        final Command command = new Command();
        final CommandBatch prefill = workload.prefill();
        for (int i = 0, n = prefill.size(); i < n; i++)
        {
            prefill.copyTo(i, command);
            core.apply(command, NoOpEventSink.INSTANCE);
        }
        return core;
    }

    private static void rebuild(final boolean print, final Workload workload, final CommandBatch commands)
    {
        final EngineCore core = newCore(workload);
        final Command command = new Command();
        final int total = commands.size();
        final long start = System.nanoTime();
        for (int i = 0; i < total; i++)
        {
            commands.copyTo(i, command);
            core.apply(command, NoOpEventSink.INSTANCE);
        }
        report(print, "state rebuild: risk + matching, events not encoded", start, total);
    }

    private static void matcher(
        final boolean print,
        final Workload workload,
        final CommandBatch commands,
        final Command[] ring,
        final UnsafeBuffer[] compact,
        final ExpandableArrayBuffer[] overflow,
        final MutableDirectBuffer[] slotEvents,
        final int[] slotLengths,
        final boolean perSlot)
    {
        final EngineCore core = newCore(workload);
        final EventEncoder encoder = new EventEncoder();
        final ExpandableArrayBuffer shared = new ExpandableArrayBuffer(1024);
        final int mask = ring.length - 1;
        final int total = commands.size();
        final long start = System.nanoTime();
        for (int i = 0; i < total; i++)
        {
            final int s = i & mask;
            final Command slot = ring[s];
            commands.copyTo(i, slot);
            if (perSlot)
            {
                core.apply(slot, encoder.wrap(compact[s], overflow[s]));
                slotEvents[s] = encoder.buffer();
                slotLengths[s] = encoder.length();
            }
            else
            {
                core.apply(slot, encoder.wrap(shared));
            }
        }
        report(print, perSlot ?
            "matcher: risk + matching + encode into the slot (256 dense bytes a slot, as the pipeline does)" :
            "matcher: risk + matching + encode into one reused buffer", start, total);
    }

    private static void report(final boolean print, final String stage, final long start, final int total)
    {
        final double ns = (System.nanoTime() - start) / (double)total;
        if (print)
        {
            System.out.printf("| %s | %.0f |%n", stage, ns);
        }
    }
}
