package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.core.EngineCore;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Nothing acknowledged is ever lost: an engine in a child JVM is killed with {@code kill -9} at random moments,
 * 20 times on the same directory; after each kill the recovered state must contain every acknowledged command,
 * equal a full replay of the journal, and the event journal must run on without a gap.
 */
@Tag("slow") // kills an engine child JVM 20 times
class CrashRecoveryIT
{
    private static final int ROUNDS = 20;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void shouldRecoverEveryAcknowledgedCommandAfterKillMinus9() throws Exception
    {
        final long seed = Long.getLong("crash.seed", System.nanoTime());
        System.out.println("CrashRecoveryIT seed " + seed + " (rerun with -Dcrash.seed=" + seed + ")");
        final SplittableRandom random = new SplittableRandom(seed);
        final EngineConfig config = TestFlow.config(dir).snapshotInterval(5_000).build();
        long lastRecovered = 0;
        for (int round = 1; round <= ROUNDS; round++)
        {
            final long maxAck = runAndKill(round, 50 + random.nextInt(700), seed + round);
            // a child killed before its first ACK acknowledged nothing; any ACK it did print follows the recovered state
            assertTrue(maxAck == 0 || maxAck > lastRecovered,
                "round " + round + ": acks continue from the recovered sequence " + lastRecovered + ", saw " + maxAck);

            final Engine engine = new Engine(config, EngineListener.NONE).start();
            engine.close();
            final EngineCore recovered = engine.coreWhenStopped();
            final String context = "seed " + seed + ", round " + round;
            assertTrue(recovered.lastSequence() >= maxAck,
                context + ": recovered up to " + recovered.lastSequence() + " but " + maxAck + " was acknowledged");

            final EngineCore replayed = Replay.replay(config, config.inputJournalDirectory(), (c, e, l) -> { });
            assertEquals(recovered.lastSequence(), replayed.lastSequence(), context);
            assertArrayEquals(SnapshotCodec.encode(replayed, -1), SnapshotCodec.encode(recovered, -1),
                context + ": recovered state equals a full replay");
            assertEquals(recovered.lastSequence(), contiguousEventSequences(config), context + ": event journal");
            lastRecovered = recovered.lastSequence();
        }
        assertTrue(lastRecovered > 0, "the children did some work");
    }

    /** Starts the child, waits until it is busy, kills it after {@code delayMs}; returns the highest ACK seen. */
    private long runAndKill(final int round, final int delayMs, final long seed) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(CrashChild.class.getName());
        command.add(dir.toString());
        command.add(Long.toString(seed));
        final Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        final AtomicLong maxAck = new AtomicLong();
        final java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines =
                new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII)))
            {
                String line;
                while ((line = lines.readLine()) != null)
                {
                    if (line.startsWith("ACK "))
                    {
                        maxAck.accumulateAndGet(Long.parseLong(line.substring(4).trim()), Math::max);
                    }
                    else if (line.startsWith("READY"))
                    {
                        ready.countDown();
                    }
                }
            }
            catch (final Exception ex)
            {
                // a line cut by the kill: the acks before it are counted
            }
        }, "crash-child-reader-" + round);
        reader.start();
        assertTrue(ready.await(60, TimeUnit.SECONDS), "round " + round + ": child did not start");
        Thread.sleep(delayMs); // the random moment of the crash: this wait is the point of the test
        new ProcessBuilder("kill", "-9", Long.toString(child.pid())).start().waitFor();
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        reader.join(30_000);
        return maxAck.get();
    }

    private static long contiguousEventSequences(final EngineConfig config)
    {
        final AtomicLong expected = new AtomicLong(1);
        try (EventJournalReader reader = new EventJournalReader(config.eventJournalDirectory()))
        {
            while (reader.poll((frame, length, index) ->
            {
                final long sequence = frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
                assertEquals(expected.getAndIncrement(), sequence, "event journal sequence");
            }, 10_000) > 0)
            {
                assertTrue(expected.get() > 0);
            }
        }
        return expected.get() - 1;
    }
}
