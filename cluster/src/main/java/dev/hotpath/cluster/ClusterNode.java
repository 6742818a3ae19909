package dev.hotpath.cluster;

import dev.hotpath.engine.journal.DirectoryLock;
import dev.hotpath.engine.pipeline.EngineConfig;
import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveMarkFile;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.codecs.AdminRequestDecoder;
import io.aeron.cluster.codecs.AdminRequestType;
import io.aeron.cluster.codecs.BackupQueryDecoder;
import io.aeron.cluster.codecs.MessageHeaderDecoder;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusterMarkFile;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.NoOpLock;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * One node of the replicated engine: Aeron's media driver, archive and consensus module
 * ({@link ClusteredMediaDriver}) and a service container running {@link EngineService}, in one JVM. Everything is
 * configured in the constructor (as grpc-java's route_guide builds its server) and {@link #start} only starts.
 *
 * <p>Made to fit a small machine, three nodes on two cores: the driver and the archive run SHARED (one thread
 * each), and every Aeron agent backs off to 1 ms parks when idle (Agrona's {@link BackoffIdleStrategy}) instead of
 * spinning. The timeouts ({@link #LEADER_HEARTBEAT_TIMEOUT_NS} and the others below) are short, so that a dead
 * leader is replaced within about a second and a half.
 *
 * <p>{@link #start}, {@link #takeSnapshotIfLeader} and {@link #close} on the controlling thread (the node's main
 * thread); the agents run on Aeron's threads.
 */
public final class ClusterNode implements AutoCloseable
{
    /** Followers call an election after this long without hearing from the leader. */
    public static final long LEADER_HEARTBEAT_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(1000);
    /** How often the leader tells the followers it is alive. */
    public static final long LEADER_HEARTBEAT_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(100);
    /** How long an election's phases wait for the other members. */
    public static final long ELECTION_TIMEOUT_NS = TimeUnit.MILLISECONDS.toNanos(500);
    /** How long a starting node waits for the others before it goes on with a majority. */
    public static final long STARTUP_CANVASS_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(5);
    /** A client session not heard from for this long is closed. */
    public static final long SESSION_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(10);
    /**
     * Memory each node keeps for its last answers, which a gateway may ask for again after a failover or its own
     * restart: 64 MiB, some 400,000 commands of W1, minutes at the rates two cores sustain.
     */
    public static final int RECENT_ANSWER_BYTES = 64 << 20;

    private final int nodeId;
    private final MediaDriver.Context driverContext;
    private final Archive.Context archiveContext;
    private final ConsensusModule.Context consensusContext;
    private final ClusteredServiceContainer.Context serviceContext;
    private final Path nodeDir;
    private final AtomicReference<RuntimeException> refusal = new AtomicReference<>();
    private DirectoryLock lock;
    private ClusteredMediaDriver driver;
    private ClusteredServiceContainer container;

    /**
     * @param layout the cluster's ports and directories.
     * @param nodeId this node.
     * @param engine instruments, limits and self-trade policy of the engine (its directories are not used).
     */
    public ClusterNode(final ClusterLayout layout, final int nodeId, final EngineConfig engine)
    {
        if (nodeId < 0 || nodeId >= layout.nodes())
        {
            throw new IllegalArgumentException("node " + nodeId + " is not in a cluster of " + layout.nodes());
        }
        this.nodeId = nodeId;
        final String host = ClusterLayout.host();
        this.nodeDir = layout.nodeDir(nodeId);
        final File clusterDir = nodeDir.resolve("cluster").toFile();
        final String aeronDir = layout.aeronDir(nodeId);
        final Supplier<IdleStrategy> idle = ClusterNode::idleStrategy;
        final ErrorHandler errors = new NodeErrors(nodeId);

        driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true) // a node killed with -9 leaves its driver's files behind
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(idleStrategy())
            .termBufferSparseFile(true)
            .errorHandler(errors);

        archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(nodeDir.resolve("archive").toFile())
            .controlChannel("aeron:udp?endpoint=" + host + ":" +
                layout.port(nodeId, ClusterLayout.ARCHIVE_CONTROL_PORT_OFFSET))
            .archiveClientContext(new AeronArchive.Context().controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
            .localControlChannel("aeron:ipc?term-length=64k")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .recordingEventsEnabled(false)
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(idle)
            .errorHandler(errors);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .lock(NoOpLock.INSTANCE)
            .controlRequestChannel(archiveContext.localControlChannel())
            .controlRequestStreamId(archiveContext.localControlStreamId())
            .controlResponseChannel(archiveContext.localControlChannel())
            .aeronDirectoryName(aeronDir);

        consensusContext = new ConsensusModule.Context()
            .clusterMemberId(nodeId)
            .clusterMembers(layout.clusterMembers())
            .clusterDir(clusterDir)
            .ingressChannel("aeron:udp?term-length=4m")
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .archiveContext(archiveClient.clone())
            .clusterClock(new NanosecondClusterClock())
            .leaderHeartbeatTimeoutNs(LEADER_HEARTBEAT_TIMEOUT_NS)
            .leaderHeartbeatIntervalNs(LEADER_HEARTBEAT_INTERVAL_NS)
            .electionTimeoutNs(ELECTION_TIMEOUT_NS)
            .startupCanvassTimeoutNs(STARTUP_CANVASS_TIMEOUT_NS)
            .sessionTimeoutNs(SESSION_TIMEOUT_NS)
            .authorisationServiceSupplier(() -> ClusterNode::isAuthorised)
            .idleStrategySupplier(idle)
            .errorHandler(errors);

        serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .archiveContext(archiveClient.clone())
            .clusterDir(clusterDir)
            .clusteredService(new EngineService(nodeId, engine, layout.eventJournal(nodeId),
                new StateHashLog(nodeDir.resolve(StateHashLog.FILE_NAME)), ex -> refusal.compareAndSet(null, ex),
                RECENT_ANSWER_BYTES))
            .idleStrategySupplier(idle)
            .errorHandler(errors);
    }

    /**
     * What a client may ask of the consensus module besides sending commands: what Aeron allows by default (backup
     * queries) and a snapshot ({@link ClusterClient#requestSnapshot}). The ingress listens on 127.0.0.1 only.
     */
    private static boolean isAuthorised(final int protocolId, final int actionId, final Object type,
        final byte[] encodedPrincipal)
    {
        return MessageHeaderDecoder.SCHEMA_ID == protocolId &&
            (BackupQueryDecoder.TEMPLATE_ID == actionId ||
            (AdminRequestDecoder.TEMPLATE_ID == actionId && type == AdminRequestType.SNAPSHOT));
    }

    /** Agrona's back-off: a few spins and yields, then parks from 1 µs doubling to 1 ms. */
    private static IdleStrategy idleStrategy()
    {
        return new BackoffIdleStrategy(10, 5, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1));
    }

    /**
     * Takes the node's directory (refusing it when another process holds it), then starts the driver, archive and
     * consensus module, and the engine service.
     *
     * @throws DirectoryLock.DirectoryInUseException when another process runs this node.
     */
    public void start()
    {
        lock = DirectoryLock.acquire(nodeDir);
        removeStaleMarkFiles();
        driver = ClusteredMediaDriver.launch(driverContext, archiveContext, consensusContext);
        container = ClusteredServiceContainer.launch(serviceContext);
    }

    /**
     * @return why the engine service refused to start (a damaged snapshot, an event journal shorter than the
     *     state), or {@code null}: a node whose service refused must stop rather than run without its engine.
     */
    public RuntimeException refusal()
    {
        return refusal.get();
    }

    /** @return this node's id. */
    public int nodeId()
    {
        return nodeId;
    }

    /** @return whether this node leads the cluster now. */
    public boolean isLeader()
    {
        return driver != null && consensusContext.clusterNodeRoleCounter().get() == Cluster.Role.LEADER.code();
    }

    /**
     * Asks the cluster for a snapshot when this node leads it (every node then takes one at the same log position).
     *
     * @return true when the request was made.
     */
    public boolean takeSnapshotIfLeader()
    {
        return isLeader() && ClusterControl.ToggleState.SNAPSHOT.toggle(consensusContext.controlToggleCounter());
    }

    /**
     * Aeron refuses to start while a mark file looks alive (written to within the last seconds), which is what a
     * node killed with SIGKILL leaves behind. Holding the directory's lock proves that no process runs this node any
     * more, so its mark files are stale: removed, so that the node starts again at once on its log and archive.
     */
    private void removeStaleMarkFiles()
    {
        try
        {
            for (final Path dir : new Path[] {nodeDir.resolve("cluster"), nodeDir.resolve("archive")})
            {
                if (!Files.isDirectory(dir))
                {
                    continue;
                }
                try (DirectoryStream<Path> files = Files.newDirectoryStream(dir))
                {
                    for (final Path file : files)
                    {
                        final String name = file.getFileName().toString();
                        if (name.equals(ClusterMarkFile.FILENAME) || name.equals(ArchiveMarkFile.FILENAME) ||
                            (name.startsWith(ClusterMarkFile.SERVICE_FILENAME_PREFIX) &&
                            name.endsWith(ClusterMarkFile.FILE_EXTENSION)))
                        {
                            Files.delete(file);
                        }
                    }
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot clear the stale mark files in " + nodeDir, ex);
        }
    }

    @Override
    public void close()
    {
        if (container != null)
        {
            container.close();
            container = null;
        }
        if (driver != null)
        {
            driver.close();
            driver = null;
        }
        if (lock != null)
        {
            lock.close();
            lock = null;
        }
    }
}
