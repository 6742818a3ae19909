package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The producer's attachment rides the ring to the listener; when a stage fails, {@link Engine#drainAbandoned}
 * hands over the attachments of the commands the engine never finished, each exactly once, so that every
 * waiting caller can be answered.
 */
class AbandonedCommandsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldHandEveryAttachmentBackOnceThroughTheListenerOrAfterAFailure() throws Exception
    {
        final int failAt = 300;
        final List<Object> delivered = new ArrayList<>();
        final CountDownLatch stopped = new CountDownLatch(1);
        final EngineConfig config = EngineConfig.builder().directory(dir)
            .instruments(List.of(Instrument.simple(0, "AAA"))).ringSize(1024).snapshotInterval(0).build();
        final Engine engine = new Engine(config, new EngineListener()
        {
            @Override
            public void onCommandResult(final CommandEvent event)
            {
                if (event.sequence == failAt)
                {
                    throw new IllegalStateException("a failing listener (test)");
                }
                delivered.add(event.takeAttachment());
            }

            @Override
            public void onEngineStopped(final Throwable cause)
            {
                stopped.countDown();
            }
        }).start();
        try
        {
            // nothing is abandoned while the engine runs
            final List<Object> none = new ArrayList<>();
            engine.drainAbandoned(none::add);
            assertTrue(none.isEmpty());

            final Command command = new Command();
            int published = 0;
            for (int i = 1; i <= 1000; i++)
            {
                if (engine.tryPublish(command.place(i, i, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(), 100 + i, 1),
                    0, "call-" + i))
                {
                    published++;
                }
            }
            assertTrue(stopped.await(30, TimeUnit.SECONDS), "the listener's failure stops the engine");
            assertTrue(engine.failure() != null);
            assertFalse(engine.tryPublish(command.place(2000, 2000, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(),
                100, 1), 0, "refused"), "a stopped engine refuses new commands");

            final List<Object> abandoned = new ArrayList<>();
            engine.drainAbandoned(abandoned::add);
            final List<Object> again = new ArrayList<>();
            engine.drainAbandoned(again::add);
            assertTrue(again.isEmpty(), "each attachment is handed over once: " + again);

            assertEquals(failAt - 1, delivered.size(), "results before the failure reach the listener");
            assertTrue(abandoned.contains("call-" + failAt), "the failing command is abandoned");
            final Set<Object> all = new HashSet<>(delivered);
            all.addAll(abandoned);
            assertEquals(published, delivered.size() + abandoned.size(), "no attachment twice");
            assertEquals(published, all.size(), "every published command's attachment comes back");
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void shouldStillWakeForWorkAfterDozing() throws Exception
    {
        final CountDownLatch done = new CountDownLatch(1);
        final EngineConfig config = EngineConfig.builder().directory(dir)
            .instruments(List.of(Instrument.simple(0, "AAA"))).ringSize(1024).snapshotInterval(0)
            .waitStrategy(WaitStrategyKind.SLEEPING).build();
        final Engine engine = new Engine(config, event -> done.countDown()).start();
        try
        {
            // idle for longer than SleepThenDozeWaitStrategy.DOZE_AFTER_NS, so that the engine thread dozes
            final CountDownLatch idle = new CountDownLatch(1);
            assertFalse(idle.await(SleepThenDozeWaitStrategy.DOZE_AFTER_NS * 2, TimeUnit.NANOSECONDS));
            assertTrue(engine.tryPublish(new Command().place(1, 1, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(),
                100, 1), 0));
            assertTrue(done.await(10, TimeUnit.SECONDS), "a dozing engine still takes the next command");
        }
        finally
        {
            engine.close();
        }
    }
}
