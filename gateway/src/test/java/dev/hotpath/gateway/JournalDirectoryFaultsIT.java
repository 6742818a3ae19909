package dev.hotpath.gateway;

import dev.hotpath.gateway.api.OrderEntryGrpc;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamRequest;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.Side;
import dev.hotpath.gateway.mapping.DecimalUnits;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the real server process does when its journal directory is shared or its disk fills up: a second server on
 * the same directory refuses to start, naming the directory and the holder's pid; on a disk that fills, every
 * command is answered (refused with RESOURCE_EXHAUSTED below the reserve, or UNAVAILABLE once a journal write
 * failed), health turns NOT_SERVING, SIGTERM exits 0, and a restart on a larger copy of the directory keeps every
 * acknowledged order.
 *
 * <p>The small disk is a tmpfs the test mounts, which needs root (CI runs as root); elsewhere the disk tests are
 * skipped with that reason.
 */
@Timeout(value = 300, unit = TimeUnit.SECONDS)
@Tag("slow") // server processes on faulty journal directories
class JournalDirectoryFaultsIT
{
    private static final String KEY = "faults-it-key-000000000000001";
    /** Every order rests: room for all of them under the risk limits. */
    private static final String ROOMY_LIMITS = "defaultLimits: {maxOrderQuantity: 1000000, " +
        "maxOrderNotional: 1000000000000000, maxOpenOrders: 10000000, maxPosition: 100000000000}";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseASecondServerOnTheSameDirectory() throws Exception
    {
        final Path journal = dir.resolve("journal");
        final Path config = ServerProcess.writeConfig(dir.resolve("hotpath.yaml"), journal, KEY);
        final Path logs = Path.of("target", "faults-it").toAbsolutePath();
        final ServerProcess first = ServerProcess.start(config, logs.resolve("lock-first.log"));
        try
        {
            final ServerProcess second = ServerProcess.runToExit(config, logs.resolve("lock-second.log"));
            assertEquals(1, second.process().exitValue(), second.output());
            final String output = second.output();
            assertTrue(output.contains("cannot start: engine directory " + journal + " is in use by process " +
                first.process().pid()), output);
            assertTrue(!output.contains("\tat "), "no stack trace:\n" + output);

            final ManagedChannel channel = ClientOrderIdRestartIT.channel(first.port());
            try
            {
                final OrderResponse placed = ClientOrderIdRestartIT.stub(channel, KEY)
                    .submitOrder(GatewayIT.limit("after-second", Side.BUY, "100.00", "1"));
                assertTrue(placed.getAccepted(), "the first server still takes orders: " + placed);
            }
            finally
            {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            first.process().destroy();
            assertTrue(first.process().waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, first.process().exitValue(), first.output());
        }
        finally
        {
            first.process().destroyForcibly();
        }
        final ServerProcess again = ServerProcess.start(config, logs.resolve("lock-again.log"));
        again.process().destroy();
        assertTrue(again.process().waitFor(20, TimeUnit.SECONDS));
        assertEquals(0, again.process().exitValue(), "the directory is whole after all that: " + again.output());
    }

    @Test
    void shouldRefuseCommandsBeforeTheDiskIsFull() throws Exception
    {
        fillTheDisk("reserve", "minFreeDiskMb: 24", "RESOURCE_EXHAUSTED: journal disk nearly full");
    }

    @Test
    void shouldAnswerEveryCommandWhenAJournalWriteFailsOnAFullDisk() throws Exception
    {
        fillTheDisk("nocheck", "minFreeDiskMb: 0", "UNAVAILABLE: the engine stopped");
    }

    /**
     * Streams orders on a 64 MiB tmpfs until the server refuses them with the expected status, then checks
     * health, that every command got an answer, SIGTERM, and a restart on a larger copy.
     */
    private void fillTheDisk(final String name, final String reserveLine, final String expectedStatus) throws Exception
    {
        final Path small = Files.createDirectories(dir.resolve("small-" + name));
        Assumptions.assumeTrue(mountTmpfs(small, "64m"),
            "needs root to mount a small tmpfs (CI runs as root): the full-disk test is skipped here");
        final Path logs = Path.of("target", "faults-it").toAbsolutePath();
        try
        {
            final Path config = ServerProcess.writeConfig(dir.resolve(name + ".yaml"), small.resolve("journal"), KEY,
                reserveLine, "snapshotInterval: 0", ROOMY_LIMITS);
            final ServerProcess server = ServerProcess.start(config, logs.resolve(name + "-small.log"));
            final Map<Long, String> acknowledged = new ConcurrentHashMap<>();
            final AtomicInteger sent = new AtomicInteger();
            final AtomicInteger answered = new AtomicInteger();
            final AtomicReference<String> refusal = new AtomicReference<>();
            final ManagedChannel channel = ClientOrderIdRestartIT.channel(server.port());
            try
            {
                final CountDownLatch refused = new CountDownLatch(1);
                final AtomicReference<ClientCallStreamObserver<OrderStreamRequest>> call = new AtomicReference<>();
                OrderEntryGrpc.newStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(KEY)))
                    .orderStream(new ClientResponseObserver<OrderStreamRequest, OrderStreamResponse>()
                    {
                        @Override
                        public void beforeStart(final ClientCallStreamObserver<OrderStreamRequest> c)
                        {
                            call.set(c);
                        }

                        @Override
                        public void onNext(final OrderStreamResponse value)
                        {
                            if (!value.hasResponse())
                            {
                                return;
                            }
                            final OrderResponse r = value.getResponse();
                            answered.incrementAndGet();
                            if (r.getAccepted())
                            {
                                acknowledged.put(r.getOrderId(), r.getReports(0).getPrice());
                            }
                            else if (r.hasError() && refusal.get() == null)
                            {
                                refusal.set(r.getError().getStatus() + ": " + r.getError().getMessage());
                                refused.countDown();
                            }
                        }

                        @Override
                        public void onError(final Throwable t)
                        {
                            refused.countDown();
                        }

                        @Override
                        public void onCompleted()
                        {
                            refused.countDown();
                        }
                    });
                final Thread sender = new Thread(() ->
                {
                    int i = 0;
                    while (refused.getCount() > 0 && i < 5_000_000)
                    {
                        // at most 500 unanswered: fewer than the ring's 1,024 slots, so no refusal is "ring full"
                        if (!call.get().isReady() || sent.get() - answered.get() > 500)
                        {
                            LockSupport.parkNanos(50_000);
                            continue;
                        }
                        sent.incrementAndGet(); // before: its answer may arrive before onNext returns
                        call.get().onNext(OrderStreamRequest.newBuilder().setSubmit(GatewayIT.limit("f" + i, Side.BUY,
                            DecimalUnits.toDecimal(1_000_000 + i, 2), "1")).build());
                        i++;
                    }
                }, "it-filler");
                sender.setDaemon(true);
                sender.start();
                assertTrue(refused.await(240, TimeUnit.SECONDS), "never refused; sent " + sent + "; see " + server.log());
                sender.join(10_000);
                assertTrue(refusal.get() != null && refusal.get().startsWith(expectedStatus), "refused with " +
                    refusal.get() + "; log:\n" + tail(server.output()));
                final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (answered.get() < sent.get() && deadlineNs - System.nanoTime() > 0)
                {
                    LockSupport.parkNanos(10_000_000); // another process answers: poll the count
                }
                assertEquals(sent.get(), answered.get(), "every command sent was answered");
                final HealthCheckResponse.ServingStatus health = HealthGrpc.newBlockingStub(channel)
                    .withDeadlineAfter(10, TimeUnit.SECONDS).check(HealthCheckRequest.getDefaultInstance()).getStatus();
                assertEquals(HealthCheckResponse.ServingStatus.NOT_SERVING, health);
                System.out.println("JournalDirectoryFaultsIT " + name + ": " + acknowledged.size() + " acknowledged of " +
                    sent + " sent; refused with " + refusal.get());
            }
            finally
            {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
            server.process().destroy();
            assertTrue(server.process().waitFor(30, TimeUnit.SECONDS), "still running 30 s after SIGTERM");
            assertEquals(0, server.process().exitValue(), tail(server.output()));
            final String log = server.output();
            assertTrue(log.contains(expectedStatus.startsWith("UNAVAILABLE") ? "engine stopped, intake closed: " :
                "journal disk nearly full: "), "the log names what happened:\n" + tail(log));
            assertTrue(!log.contains("Exception in thread"), "no thread died with a stack trace:\n" + tail(log));

            final Path big = dir.resolve("big-" + name);
            copyTree(small.resolve("journal"), big.resolve("journal"));
            final Path bigConfig = ServerProcess.writeConfig(dir.resolve(name + "-big.yaml"), big.resolve("journal"),
                KEY, ROOMY_LIMITS);
            final ServerProcess restarted = ServerProcess.start(bigConfig, logs.resolve(name + "-big.log"));
            try
            {
                final ManagedChannel again = ClientOrderIdRestartIT.channel(restarted.port());
                try
                {
                    final var book = dev.hotpath.gateway.api.MarketDataGrpc.newBlockingStub(again)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(GatewayHarness.key(KEY)))
                        .withDeadlineAfter(20, TimeUnit.SECONDS)
                        .getBook(dev.hotpath.gateway.api.GetBookRequest.newBuilder().setSymbol("BTC-USD")
                            .setDepth(1000).build());
                    final java.util.Set<String> prices = new java.util.HashSet<>();
                    book.getBidsList().forEach(l -> prices.add(l.getPrice()));
                    // each order has its own price, rising: the best 1,000 bids are the last 1,000 acknowledged,
                    // the ones a failing write would lose
                    final long lowestShown = book.getBidsCount() == 1000 ?
                        DecimalUnits.toUnits(book.getBids(999).getPrice(), 2, 1, "price") : 0;
                    final List<String> lost = acknowledged.values().stream()
                        .filter(p -> DecimalUnits.toUnits(p, 2, 1, "price") >= lowestShown)
                        .filter(p -> !prices.contains(p)).sorted().toList();
                    assertEquals(List.of(), lost, "acknowledged orders missing after the restart on a larger disk (" +
                        acknowledged.size() + " acknowledged, best bid " + book.getBids(0).getPrice() +
                        ", 1000th " + lowestShown + "); see " + restarted.log());
                    assertEquals(Math.min(1000, acknowledged.size()), book.getBidsCount());
                    final OrderResponse placed = ClientOrderIdRestartIT.stub(again, KEY)
                        .submitOrder(GatewayIT.limit("after-restart", Side.BUY, "1.00", "1"));
                    assertTrue(placed.getAccepted(), placed.toString());
                }
                finally
                {
                    again.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
                }
                restarted.process().destroy();
                assertTrue(restarted.process().waitFor(30, TimeUnit.SECONDS));
                assertEquals(0, restarted.process().exitValue(), tail(restarted.output()));
            }
            finally
            {
                restarted.process().destroyForcibly();
            }
        }
        finally
        {
            unmount(small);
        }
    }

    private static boolean mountTmpfs(final Path at, final String size) throws InterruptedException
    {
        try
        {
            final Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString())
                .redirectErrorStream(true).start();
            final boolean done = p.waitFor(30, TimeUnit.SECONDS);
            if (!done || p.exitValue() != 0)
            {
                System.out.println("JournalDirectoryFaultsIT: mount failed: " + new String(p.getInputStream().readAllBytes()));
                return false;
            }
            return true;
        }
        catch (final IOException ex)
        {
            return false;
        }
    }

    private static void unmount(final Path at) throws IOException, InterruptedException
    {
        new ProcessBuilder("umount", "-l", at.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }

    private static void copyTree(final Path from, final Path to) throws IOException
    {
        try (Stream<Path> files = Files.walk(from))
        {
            for (final Path file : (Iterable<Path>)files.sorted(Comparator.naturalOrder())::iterator)
            {
                final Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file))
                {
                    Files.createDirectories(target);
                }
                else if (!file.getFileName().toString().equals("hotpath.lock"))
                {
                    Files.copy(file, target);
                }
            }
        }
    }

    private static String tail(final String log)
    {
        return log.length() <= 6_000 ? log : log.substring(log.length() - 6_000);
    }
}
