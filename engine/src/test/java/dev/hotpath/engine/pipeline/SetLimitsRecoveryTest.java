package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.EventDecoder;
import dev.hotpath.engine.risk.RiskLimits;
import dev.hotpath.engine.support.Event;
import dev.hotpath.engine.support.RecordingEventSink;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits set at run time by a journaled SET_LIMITS command hold after a restart, whether the engine recovers
 * from its shutdown snapshot or, with the snapshots gone, by replaying the whole input journal; and the live
 * engine answers the command with a limits event (or a reject) that the gateway can turn into a reply.
 */
class SetLimitsRecoveryTest
{
    private static final long ACCOUNT = 3;
    private static final RiskLimits SET = new RiskLimits(40, 4_000, 2, 60);

    @TempDir
    Path dir;

    @Test
    void shouldKeepLimitsSetAtRunTimeAfterARestartFromTheSnapshotAndFromTheJournalAlone() throws Exception
    {
        final EngineConfig config = TestFlow.config(dir).build();
        final List<RecordingEventSink> results = run(config,
            new Command().place(0, 9, 1, 1, Side.SELL.code(), OrderType.LIMIT.code(), 500, 10),
            new Command().place(1, 1, ACCOUNT, 0, Side.BUY.code(), OrderType.LIMIT.code(), 100, 100),
            new Command().setLimits(2, ACCOUNT, 0, 4_000, 2, 60),
            new Command().setLimits(3, ACCOUNT, SET.maxOrderQuantity(), SET.maxOrderNotional(), SET.maxOpenOrders(),
                SET.maxPosition()),
            new Command().place(4, 2, ACCOUNT, 0, Side.SELL.code(), OrderType.LIMIT.code(), 200, 41));
        assertEquals(List.of(new Event.Rejected(0, ACCOUNT, -1, RejectReason.INVALID_LIMITS)),
            results.get(2).events(), "a zero limit is refused with its reason");
        assertEquals(List.of(new Event.LimitsSet(ACCOUNT, 40, 4_000, 2, 60)), results.get(3).events());
        assertEquals(List.of(new Event.Rejected(2, ACCOUNT, 0, RejectReason.RISK_MAX_ORDER_QUANTITY)),
            results.get(4).events(), "the new limits apply to the next order");

        final Recovery.Result fromSnapshot = Recovery.recover(config, null);
        assertEquals(5, fromSnapshot.fromSnapshot(), "recovered from the shutdown snapshot");
        assertEquals(SET, fromSnapshot.core().risk().find(ACCOUNT).limits());

        try (Stream<Path> files = Files.list(config.snapshotDirectory()))
        {
            for (final Path file : files.toList())
            {
                Files.delete(file);
            }
        }
        final Recovery.Result fromJournal = Recovery.recover(config, null);
        assertEquals(0, fromJournal.fromSnapshot());
        assertEquals(5, fromJournal.replayed(), "every command replayed from the input journal");
        assertEquals(SET, fromJournal.core().risk().find(ACCOUNT).limits());
        assertTrue(fromJournal.core().risk().find(ACCOUNT).limitsSetAtRunTime());
        assertFalse(fromJournal.core().risk().find(1).limitsSetAtRunTime(), "account 1 keeps the config's");
    }

    /** Runs the commands through a new engine, one at a time, and returns each one's decoded events. */
    private static List<RecordingEventSink> run(final EngineConfig config, final Command... commands)
        throws InterruptedException
    {
        final RecordingEventSink[] sinks = new RecordingEventSink[commands.length];
        final CountDownLatch done = new CountDownLatch(commands.length);
        final Engine engine = new Engine(config, event ->
        {
            final RecordingEventSink sink = new RecordingEventSink();
            final byte[] bytes = new byte[event.eventsLength];
            event.events.getBytes(0, bytes, 0, event.eventsLength);
            EventDecoder.decode(new UnsafeBuffer(bytes), 0, bytes.length, sink);
            sinks[(int)event.correlationId] = sink;
            done.countDown();
        }).start();
        try
        {
            for (int i = 0; i < commands.length; i++)
            {
                assertTrue(engine.publish(commands[i], i));
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
        finally
        {
            engine.close();
        }
        return List.of(sinks);
    }
}
