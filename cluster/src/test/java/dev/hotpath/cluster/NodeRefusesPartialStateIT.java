package dev.hotpath.cluster;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A real one-node cluster whose event journal is lost after a snapshot: started again, the node refuses to run
 * on a state its journal does not cover, says why, and exits 1 instead of serving without its engine. A second
 * process on a running node's directory is refused too, naming the holder.
 */
@Tag("slow") // cluster node JVMs
class NodeRefusesPartialStateIT
{
    @Test
    void aNodeWhoseEventJournalEndsBeforeItsSnapshotExitsWithTheReason(@TempDir final Path dir) throws Exception
    {
        final ClusterLayout layout = new ClusterLayout(1, 24_500, dir);
        try (ClusterNodes nodes = new ClusterNodes(layout))
        {
            nodes.start(0);
            final long[] answered = new long[1];
            try (ClusterClient client = new ClusterClient(layout, (frame, offset, length) -> answered[0]++))
            {
                final CommandCodec codec = new CommandCodec();
                final Command command = new Command();
                for (int i = 1; i <= 100; i++)
                {
                    command.place(0, i, 1, 0, Side.BUY.code(), OrderType.LIMIT.code(), 10_000 - i, 10);
                    codec.reset();
                    codec.add(command);
                    final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                    while (!client.offer(codec.buffer(), 0, codec.length()))
                    {
                        client.poll(); // the node is starting, or electing itself
                        if (System.nanoTime() > deadlineNs)
                        {
                            fail("the node took no command within 60 s\n" + nodes.logs());
                        }
                    }
                }
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                long nextRequestNs = 0;
                while (answered[0] < 100 || nodes.stateHashes(0).isEmpty())
                {
                    client.poll();
                    if (answered[0] == 100 && System.nanoTime() >= nextRequestNs)
                    {
                        client.requestSnapshot(1);
                        nextRequestNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                    }
                    if (System.nanoTime() > deadlineNs)
                    {
                        fail(answered[0] + " answers, snapshots " + nodes.stateHashes(0) + "\n" + nodes.logs());
                    }
                }
                assertEquals(List.of("100"), nodes.stateHashes(0).stream().map(l -> l.split(" ")[0]).toList());

                final Process second = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-cp", System.getProperty("java.class.path"), ClusterMain.class.getName(), "node", "--id", "0",
                    "--nodes", "1", "--dir", dir.toString(), "--base-port", "24500").redirectErrorStream(true).start();
                final String secondOutput = new String(second.getInputStream().readAllBytes());
                assertEquals(1, second.waitFor(), "a second process on the node's directory exits 1: " + secondOutput);
                assertTrue(secondOutput.contains("in use by process"), secondOutput);
            }
            assertEquals(0, nodes.stopAll()[0], "SIGTERM stops the node cleanly");

            try (Stream<Path> files = Files.walk(layout.eventJournal(0)))
            {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
            nodes.start(0);
            assertEquals(1, nodes.awaitExit(0, 60_000), "the node exits 1 on a state its journal does not cover\n" +
                nodes.logs());
            final String log = nodes.logs(Integer.MAX_VALUE);
            assertTrue(log.contains("snapshot loaded at command 100"), log);
            assertTrue(log.contains("stops:") && log.contains("commands 1..100 would be missing"), log);
        }
    }
}
