package dev.hotpath.cluster;

import dev.hotpath.engine.codec.FrameLayout;
import dev.hotpath.engine.journal.EventJournalReader;
import org.agrona.DirectBuffer;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

/**
 * A cluster of real node processes for the tests: {@code ClusterMain node} in a JVM of its own per node, with this
 * JVM's java, class path and flags; killed with SIGKILL or stopped with SIGTERM, and started again on the same
 * directories. Also reads what the nodes left on disk: their event journals and state hashes.
 *
 * <p>The test's thread. Public for the gateway's tests of a gateway in front of a cluster (this module's test jar).
 */
public final class ClusterNodes implements AutoCloseable
{
    private final ClusterLayout layout;
    private final Process[] processes;

    public ClusterNodes(final ClusterLayout layout)
    {
        this.layout = layout;
        this.processes = new Process[layout.nodes()];
    }

    public ClusterLayout layout()
    {
        return layout;
    }

    /** Starts every node. */
    public void startAll() throws IOException
    {
        for (int i = 0; i < layout.nodes(); i++)
        {
            start(i);
        }
    }

    /**
     * Starts one node (its output goes to {@code node-i.log} in the cluster's directory, appended).
     *
     * @param node the node.
     */
    public void start(final int node) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("-Xmx"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ClusterMain.class.getName());
        command.addAll(List.of("node", "--id", Integer.toString(node), "--nodes", Integer.toString(layout.nodes()),
            "--dir", layout.dir().toString(), "--base-port", Integer.toString(layout.basePort()),
            "--snapshot-every", "0"));
        Files.createDirectories(layout.dir());
        final Path log = layout.dir().resolve("node-" + node + ".log");
        processes[node] = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }

    /**
     * Kills one node with SIGKILL and waits until it is gone.
     *
     * @param node the node.
     */
    public void kill(final int node) throws InterruptedException
    {
        final Process p = processes[node];
        p.destroyForcibly();
        if (!p.waitFor(10, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("node " + node + " outlived SIGKILL");
        }
    }

    /**
     * Waits for a node to exit by itself.
     *
     * @param node      the node.
     * @param timeoutMs the most time to wait.
     * @return its exit code, or -1 when it still runs.
     */
    public int awaitExit(final int node, final long timeoutMs) throws InterruptedException
    {
        final Process p = processes[node];
        if (!p.waitFor(timeoutMs, TimeUnit.MILLISECONDS))
        {
            return -1;
        }
        processes[node] = null;
        return p.exitValue();
    }

    /**
     * Stops every node with SIGTERM.
     *
     * @return the exit codes.
     */
    public int[] stopAll() throws InterruptedException
    {
        final int[] exits = new int[processes.length];
        for (final Process p : processes)
        {
            if (p != null)
            {
                p.destroy();
            }
        }
        for (int i = 0; i < processes.length; i++)
        {
            if (processes[i] != null)
            {
                if (!processes[i].waitFor(20, TimeUnit.SECONDS))
                {
                    processes[i].destroyForcibly().waitFor();
                    exits[i] = -1;
                }
                else
                {
                    exits[i] = processes[i].exitValue();
                }
                processes[i] = null;
            }
        }
        return exits;
    }

    /**
     * @param node a node.
     * @return its state-hash lines ("sequence crc"), oldest first.
     */
    public List<String> stateHashes(final int node) throws IOException
    {
        final Path file = layout.nodeDir(node).resolve(StateHashLog.FILE_NAME);
        return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.US_ASCII) : List.of();
    }

    /**
     * @param node a stopped node.
     * @return its event journal's frames by sequence.
     */
    public TreeMap<Long, byte[]> eventFrames(final int node)
    {
        return eventFrames(layout.eventJournal(node));
    }

    /**
     * @param eventJournal an event journal no one writes now (a node's, or a gateway's in front of the cluster).
     * @return its frames by sequence.
     */
    public static TreeMap<Long, byte[]> eventFrames(final Path eventJournal)
    {
        final TreeMap<Long, byte[]> frames = new TreeMap<>();
        readEventJournal(eventJournal, (DirectBuffer frame, int length, long index) ->
        {
            final byte[] bytes = new byte[length];
            frame.getBytes(0, bytes);
            frames.put(frame.getLong(FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN), bytes);
        });
        return frames;
    }

    /**
     * @param node a node, running or not.
     * @return the sequence of the last command in its event journal (0 when it has none yet).
     */
    public long lastJournaled(final int node)
    {
        if (!Files.isDirectory(layout.eventJournal(node)))
        {
            return 0;
        }
        return readEventJournal(layout.eventJournal(node), (frame, length, index) ->
        {
        });
    }

    /** Hands every frame of a node's event journal to a handler; returns the last sequence. */
    private static long readEventJournal(final Path eventJournal, final EventJournalReader.FrameHandler handler)
    {
        try (EventJournalReader reader = new EventJournalReader(eventJournal))
        {
            while (reader.poll(handler, 65_536) > 0)
            {
                // read on to the end
            }
            return reader.lastSequence();
        }
    }

    /** @return the last 30 lines of every node's log, for a failure message. */
    public String logs()
    {
        return logs(30);
    }

    /**
     * @param lines the most lines of each node's log.
     * @return the last lines of every node's log.
     */
    public String logs(final int lines)
    {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < layout.nodes(); i++)
        {
            try
            {
                final List<String> all = Files.readAllLines(layout.dir().resolve("node-" + i + ".log")).stream()
                    .filter(l -> !l.startsWith("WARNING")).toList();
                sb.append("--- node ").append(i).append('\n');
                all.stream().skip(Math.max(0, all.size() - lines)).forEach(l -> sb.append(l).append('\n'));
            }
            catch (final IOException ex)
            {
                sb.append("--- node ").append(i).append(": no log\n");
            }
        }
        return sb.toString();
    }

    @Override
    public void close()
    {
        try
        {
            stopAll();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            for (final Process p : processes)
            {
                if (p != null)
                {
                    p.destroyForcibly();
                }
            }
        }
    }
}
