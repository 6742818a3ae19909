package dev.hotpath.cluster;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.codec.FrameLayout;
import org.agrona.DirectBuffer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Three real node processes on 127.0.0.1, orders streaming in at {@link #RATE} a second, and the leader killed with
 * SIGKILL at random moments ({@code -Dcluster.kills}, 10 by default; the seed is printed, {@code -Dcluster.seed}
 * repeats a run). After each kill a new leader must answer, and the killed node is started again on its files
 * and must catch up (its event journal reaches every command acknowledged before its restart), from its log, the
 * leader and, after the snapshots the test asks for now and then, a snapshot. At the end every acknowledged order is in every node's event journal, byte for byte as it was
 * acknowledged, the three event journals are identical, and a snapshot taken on all three nodes at the same log
 * position has the same state checksum on each.
 */
@Tag("slow") // three cluster node JVMs, leader kills
class ClusterFailoverIT
{
    private static final int RATE = 2_000;
    private static final long FAILOVER_LIMIT_NS = TimeUnit.SECONDS.toNanos(10);
    private static final long CATCH_UP_LIMIT_NS = TimeUnit.SECONDS.toNanos(60);

    private final Map<Long, byte[]> acknowledged = new HashMap<>();
    private long lastAckedSequence;
    /** The first order sent after the last kill; 0 until one was answered. */
    private long firstOrderAfterKill = Long.MAX_VALUE;
    private long firstAnswerAfterKillNs;

    @Test
    void noAcknowledgedOrderIsLostWhenLeadersAreKilled(@TempDir final Path dir) throws Exception
    {
        final long seed = Long.getLong("cluster.seed", System.nanoTime());
        final int kills = Integer.getInteger("cluster.kills", 10);
        System.out.println("ClusterFailoverIT: seed " + seed + " (-Dcluster.seed=" + seed + " repeats it), " +
            kills + " leader kills");
        final SplittableRandom random = new SplittableRandom(seed);
        final ClusterLayout layout = new ClusterLayout(3, 23_000, dir);
        final List<Long> failoverNs = new ArrayList<>();
        final List<Long> catchUpNs = new ArrayList<>();
        final String hashLine;
        try (ClusterNodes nodes = new ClusterNodes(layout))
        {
            nodes.startAll();
            try (ClusterClient client = new ClusterClient(layout, this::onFrame))
            {
                final Sender sender = new Sender(client);
                awaitLeader(client, sender, random, nodes, TimeUnit.SECONDS.toNanos(60)); // JVMs starting, first election
                sender.runFor(TimeUnit.SECONDS.toNanos(3), random);
                assertTrue(acknowledged.size() > 0, () -> "no order acknowledged before the first kill\n" + nodes.logs());
                for (int k = 0; k < kills; k++)
                {
                    final int leader = awaitLeader(client, sender, random, nodes, TimeUnit.SECONDS.toNanos(10));
                    System.out.println("kill " + (k + 1) + ": leader " + leader + ", sent " + sender.sent + ", acknowledged " +
                        acknowledged.size());
                    final long killNs = System.nanoTime();
                    nodes.kill(leader);
                    firstOrderAfterKill = sender.nextOrderId; // answers of orders before it may still be on their way
                    firstAnswerAfterKillNs = 0;
                    while (firstAnswerAfterKillNs == 0)
                    {
                        if (System.nanoTime() - killNs > FAILOVER_LIMIT_NS)
                        {
                            fail("no acknowledgement within 10 s of killing leader " + leader + " (kill " + (k + 1) +
                                ", seed " + seed + ")\n" + nodes.logs());
                        }
                        sender.step(random);
                    }
                    failoverNs.add(firstAnswerAfterKillNs - killNs);
                    nodes.start(leader); // back on its own files: it catches up from its log, the others and snapshots
                    final long caughtUpNs = awaitCatchUp(nodes, leader, lastAckedSequence, sender, random);
                    catchUpNs.add(caughtUpNs);
                    sender.runFor(TimeUnit.MILLISECONDS.toNanos(500 + random.nextInt(2000)), random);
                    if (k % 2 == 0)
                    {
                        awaitSameSnapshot(client, nodes, lastAckedSequence); // so that the later restarts load one
                    }
                }
                sender.runFor(TimeUnit.SECONDS.toNanos(2), random);
                final long drainUntilNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
                while (System.nanoTime() < drainUntilNs)
                {
                    client.poll();
                    LockSupport.parkNanos(100_000);
                }
                hashLine = awaitSameSnapshot(client, nodes, lastAckedSequence);
                System.out.println("ClusterFailoverIT: " + sender.sent + " orders sent, " + acknowledged.size() +
                    " acknowledged, " + client.reconnects() + " sessions reopened; failover (kill to first answer) " +
                    failoverNs.stream().map(ns -> TimeUnit.NANOSECONDS.toMillis(ns) + " ms").toList() +
                    "; killed node restarted and caught up in " +
                    catchUpNs.stream().map(ns -> TimeUnit.NANOSECONDS.toMillis(ns) + " ms").toList() +
                    "; state at the last snapshot on all nodes: " + hashLine);
            }
            final int[] exits = nodes.stopAll();
            if (kills >= 2)
            {
                final String starts = nodes.logs(Integer.MAX_VALUE).lines().filter(l -> l.startsWith("engine service"))
                    .collect(java.util.stream.Collectors.joining("\n"));
                assertTrue(starts.contains("snapshot loaded at command"),
                    "a node restarted after a snapshot loads it and replays only the log after it:\n" + starts);
            }
            assertArrayEquals(new int[] {0, 0, 0}, exits, "every node exits 0 on SIGTERM");

            final Map<Long, byte[]> reference = nodes.eventFrames(0);
            assertEquals(Long.parseLong(hashLine.split(" ")[0]), reference.size(),
                "the last snapshot, equal on every node, covers every command in the event journals");
            for (int node = 1; node < layout.nodes(); node++)
            {
                final Map<Long, byte[]> frames = nodes.eventFrames(node);
                assertEquals(reference.keySet(), frames.keySet(), "node " + node + " holds the same commands as node 0");
                for (final Map.Entry<Long, byte[]> e : reference.entrySet())
                {
                    assertArrayEquals(e.getValue(), frames.get(e.getKey()),
                        "node " + node + ", command " + e.getKey() + ": the same events as on node 0");
                }
            }
            for (final Map.Entry<Long, byte[]> e : acknowledged.entrySet())
            {
                final byte[] journaled = reference.get(e.getKey());
                assertNotNull(journaled, "acknowledged command " + e.getKey() + " is in the event journals");
                assertTrue(Arrays.equals(e.getValue(), journaled),
                    "acknowledged command " + e.getKey() + " is journaled as it was acknowledged");
            }
        }
        assertEquals(kills, failoverNs.size());
    }

    private void onFrame(final DirectBuffer frame, final int offset, final int length)
    {
        final long sequence = frame.getLong(offset + FrameLayout.SEQUENCE_OFFSET, ByteOrder.LITTLE_ENDIAN);
        final byte[] bytes = new byte[length];
        frame.getBytes(offset, bytes);
        acknowledged.put(sequence, bytes);
        lastAckedSequence = Math.max(lastAckedSequence, sequence);
        if (firstAnswerAfterKillNs == 0 &&
            frame.getLong(offset + FrameLayout.ORDER_ID_OFFSET, ByteOrder.LITTLE_ENDIAN) >= firstOrderAfterKill)
        {
            firstAnswerAfterKillNs = System.nanoTime();
        }
    }

    /**
     * Waits, sending on, until a restarted node's event journal holds every command acknowledged before its restart:
     * it has rejoined and caught up, so the cluster has its three nodes again before the next kill (killing a leader
     * while the last one killed is still starting would leave no majority).
     *
     * @return how long it took.
     */
    private static long awaitCatchUp(final ClusterNodes nodes, final int node, final long sequence, final Sender sender,
        final SplittableRandom random)
    {
        final long startNs = System.nanoTime();
        long nextCheckNs = startNs;
        while (true)
        {
            final long nowNs = System.nanoTime();
            if (nowNs >= nextCheckNs)
            {
                if (nodes.lastJournaled(node) >= sequence)
                {
                    return nowNs - startNs;
                }
                if (nowNs - startNs > CATCH_UP_LIMIT_NS)
                {
                    fail("node " + node + " did not catch up to command " + sequence + " within 60 s of its restart\n" +
                        nodes.logs());
                }
                nextCheckNs = nowNs + TimeUnit.MILLISECONDS.toNanos(100);
            }
            sender.step(random);
        }
    }

    /** The leader as the client knows it, sending on meanwhile. */
    private static int awaitLeader(final ClusterClient client, final Sender sender, final SplittableRandom random,
        final ClusterNodes nodes, final long timeoutNs)
    {
        final long deadlineNs = System.nanoTime() + timeoutNs;
        int leader;
        while ((leader = client.leaderMemberId()) < 0)
        {
            if (System.nanoTime() > deadlineNs)
            {
                fail("the client found no leader\n" + nodes.logs());
            }
            sender.step(random);
        }
        return leader;
    }

    /** Asks for a snapshot until all nodes log the same state at or after a sequence; returns that line. */
    private static String awaitSameSnapshot(final ClusterClient client, final ClusterNodes nodes, final long atLeast)
        throws Exception
    {
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long correlationId = 1_000;
        long nextRequestNs = 0;
        while (System.nanoTime() < deadlineNs)
        {
            client.poll();
            if (System.nanoTime() >= nextRequestNs)
            {
                client.requestSnapshot(correlationId++);
                nextRequestNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            }
            final String first = last(nodes.stateHashes(0));
            if (first != null && Long.parseLong(first.split(" ")[0]) >= atLeast &&
                first.equals(last(nodes.stateHashes(1))) && first.equals(last(nodes.stateHashes(2))))
            {
                return first;
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
        }
        fail("the nodes' last snapshots never agreed: " + nodes.stateHashes(0) + " / " + nodes.stateHashes(1) + " / " +
            nodes.stateHashes(2) + "\n" + nodes.logs());
        return null;
    }

    private static String last(final List<String> lines)
    {
        return lines.isEmpty() ? null : lines.get(lines.size() - 1);
    }

    /** Sends limit orders open loop at {@link #RATE} a second, one a message, retrying one the leader refused. */
    private static final class Sender
    {
        private final ClusterClient client;
        private final CommandCodec codec = new CommandCodec();
        private final Command command = new Command();
        private long nextSendNs = System.nanoTime();
        private boolean pending;
        long nextOrderId = 1;
        long sent;

        Sender(final ClusterClient client)
        {
            this.client = client;
        }

        void runFor(final long durationNs, final SplittableRandom random)
        {
            final long endNs = System.nanoTime() + durationNs;
            while (System.nanoTime() < endNs)
            {
                step(random);
            }
        }

        void step(final SplittableRandom random)
        {
            client.poll();
            final long nowNs = System.nanoTime();
            if (nowNs < nextSendNs)
            {
                LockSupport.parkNanos(Math.min(nextSendNs - nowNs, 200_000));
                return;
            }
            if (!pending)
            {
                final boolean buy = random.nextBoolean();
                command.place(0, nextOrderId++, 1 + random.nextInt(4), random.nextInt(2),
                    buy ? Side.BUY.code() : Side.SELL.code(), OrderType.LIMIT.code(),
                    10_000 + (buy ? -random.nextInt(5) : random.nextInt(5)) * 10L, (1 + random.nextInt(10)) * 10L);
                codec.reset();
                codec.add(command);
                pending = true;
            }
            if (client.offer(codec.buffer(), 0, codec.length()))
            {
                pending = false;
                sent++;
                nextSendNs += 1_000_000_000L / RATE;
                if (nowNs - nextSendNs > TimeUnit.MILLISECONDS.toNanos(100))
                {
                    nextSendNs = nowNs; // after a failover: go on at the rate rather than burst the backlog
                }
            }
        }
    }
}
