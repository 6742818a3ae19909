package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;

import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The engine process of {@link CrashRecoveryIT}: recovers from its directory, prints {@code READY <sequence>},
 * then publishes random commands as fast as it can and prints {@code ACK <sequence>} for every result it gets
 * back, until it is killed with {@code kill -9}. An ACK is printed from the engine's listener, i.e. after the
 * command is in the input journal.
 */
public final class CrashChild
{
    private CrashChild()
    {
    }

    /**
     * @param args directory, seed.
     */
    public static void main(final String[] args)
    {
        final Path dir = Path.of(args[0]);
        final long seed = Long.parseLong(args[1]);
        final PrintStream out = System.out;
        // both threading modes get crashed: the seed's parity picks one
        final ThreadingMode mode = seed % 2 == 0 ? ThreadingMode.SHARED : ThreadingMode.DEDICATED;
        final Engine engine = new Engine(TestFlow.config(dir).snapshotInterval(5_000).threadingMode(mode).build(),
            event -> out.println("ACK " + event.sequence)).start();
        out.println("READY " + engine.recovery().core().lastSequence());
        final TestFlow flow = new TestFlow(seed, seed * 1_000_000_000L);
        final Command command = new Command();
        while (true)
        {
            engine.publish(flow.next(command), 0);
        }
    }
}
