package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link ThreadingMode#INVOKER}: no engine thread; the caller's thread runs the duty cycle, and only when it
 * invokes it. Everything runs on the test's thread here, as on the gateway's event loop.
 */
class EngineInvokerTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunCommandsOnlyWhenInvokedAndOnTheInvokingThread()
    {
        final List<Long> sequences = new ArrayList<>();
        final List<String> threads = new ArrayList<>();
        final Engine engine = new Engine(TestFlow.config(dir).threadingMode(ThreadingMode.INVOKER).build(), event ->
        {
            sequences.add(event.sequence);
            threads.add(Thread.currentThread().getName());
        }).start();
        try
        {
            assertNull(new Engine(TestFlow.config(dir.resolve("other")).threadingMode(ThreadingMode.SHARED).build(),
                event -> { }).invoker(), "only INVOKER has an invoker");
            assertEquals(0, engine.invoker().invoke(), "nothing published: nothing to do, at once");
            final TestFlow flow = new TestFlow(3);
            final Command command = new Command();
            for (int i = 0; i < 100; i++)
            {
                assertTrue(engine.tryPublish(flow.next(command), i));
            }
            assertTrue(sequences.isEmpty(), "no thread of the engine's own ran them");
            assertEquals(100, engine.invoker().invoke(), "one duty cycle takes everything published");
            assertEquals(100, sequences.size());
            assertEquals(1L, sequences.get(0));
            assertEquals(100L, sequences.get(99));
            assertTrue(threads.stream().allMatch(Thread.currentThread().getName()::equals), "results on the invoker");
            assertEquals(0, engine.invoker().invoke());
            assertEquals(0, engine.ringOccupancy(), "the ring is free again");
        }
        finally
        {
            engine.close();
        }
    }

    @Test
    void shouldRunWhatIsLeftInTheRingWhenClosedAndRecoverItAll()
    {
        final AtomicInteger results = new AtomicInteger();
        final EngineConfig config = TestFlow.config(dir).threadingMode(ThreadingMode.INVOKER).build();
        final Engine engine = new Engine(config, event -> results.incrementAndGet()).start();
        final TestFlow flow = new TestFlow(5);
        final Command command = new Command();
        for (int i = 0; i < 250; i++)
        {
            assertTrue(engine.tryPublish(flow.next(command), i));
        }
        assertEquals(250, engine.invoker().invoke());
        for (int i = 0; i < 50; i++)
        {
            assertTrue(engine.tryPublish(flow.next(command), i));
        }
        engine.close(); // on this thread, which invoked before: the last 50 go through, then the journals close
        assertEquals(300, results.get(), "every published command was run before the journals closed");
        assertEquals(0, engine.invoker().invoke(), "a closed engine runs nothing more");

        final Engine again = new Engine(config, event -> { }).start();
        try
        {
            assertEquals(300, again.coreWhenStopped().lastSequence(), "all of them journaled");
        }
        finally
        {
            again.close();
        }
    }
}
