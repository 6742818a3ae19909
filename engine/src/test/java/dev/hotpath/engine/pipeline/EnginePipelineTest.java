package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import dev.hotpath.engine.snapshot.SnapshotCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnginePipelineTest
{
    @TempDir
    Path dir;

    private EngineConfig config()
    {
        return EngineConfig.builder()
            .directory(dir)
            .instruments(List.of(Instrument.simple(0, "AAA"), Instrument.simple(1, "BBB")))
            .ringSize(1024)
            .snapshotInterval(0)
            .build();
    }

    @Test
    void shouldJournalMatchPublishAndRecoverTheSameState() throws Exception
    {
        final int commands = 2_000;
        final CountDownLatch done = new CountDownLatch(commands);
        final List<Long> sequences = new ArrayList<>();
        final byte[] stateBefore;
        final Engine engine = new Engine(config(), event ->
        {
            sequences.add(event.sequence);
            done.countDown();
        }).start();
        try
        {
            final Command command = new Command();
            for (int i = 1; i <= commands; i++)
            {
                final Side side = i % 2 == 0 ? Side.BUY : Side.SELL;
                final long price = 100 + (i % 7) - (side == Side.BUY ? 3 : 0);
                assertTrue(engine.publish(command.place(i, i, 1 + i % 5, i % 2, side.code(), OrderType.LIMIT.code(),
                    price, 1 + i % 3), i));
            }
            assertTrue(done.await(30, TimeUnit.SECONDS));
        }
        finally
        {
            engine.close();
        }
        stateBefore = SnapshotCodec.encode(engine.coreWhenStopped(), -1);
        for (int i = 0; i < commands; i++)
        {
            assertEquals(i + 1, sequences.get(i));
        }

        final Engine restarted = new Engine(config(), EngineListener.NONE).start();
        restarted.close();
        assertEquals(commands, restarted.recovery().fromSnapshot());
        assertArrayEquals(stateBefore, SnapshotCodec.encode(restarted.coreWhenStopped(), -1));

        final List<Long> published = new ArrayList<>();
        try (EventJournalReader reader = new EventJournalReader(config().eventJournalDirectory()))
        {
            while (reader.poll((frame, length, index) ->
                published.add(frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN)), 100) > 0)
            {
                assertTrue(published.size() <= commands);
            }
        }
        assertEquals(commands, published.size());
    }
}
