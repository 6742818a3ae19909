package dev.hotpath.reporting.it;

import dev.hotpath.reporting.ReportingApp;
import dev.hotpath.reporting.ReportingSettings;
import dev.hotpath.reporting.grpc.v1.GetPositionsRequest;
import dev.hotpath.reporting.grpc.v1.GetTradesRequest;
import dev.hotpath.reporting.grpc.v1.Position;
import dev.hotpath.reporting.grpc.v1.ReportingServiceGrpc;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.testing.Scenario;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The assembled process over real loopback sockets: accounts file, Netty gRPC server, ingest. */
class ReportingAppIT
{
    private static final String ALICE_KEY = "test-key-alice-NOT-SECRET";
    private static final String BOB_KEY = "test-key-bob-NOT-SECRET";

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldServeIngestedPositionsOverGrpcToTheKeysAccountOnly() throws Exception
    {
        final Path engineDir = dir.resolve("engine");
        final Path accounts = dir.resolve("hotpath.yaml"); // the gateway's config format: reporting reads its accounts
        Files.writeString(accounts, String.join("\n",
            "accounts:",
            "  - {id: 1, name: alice, key: " + ALICE_KEY + "}",
            "  - id: 2",
            "    name: bob",
            "    key: " + BOB_KEY,
            "    limits: {maxOrderQuantity: 100, maxOrderNotional: 100000, maxOpenOrders: 10, maxPosition: 100}",
            "admins:",
            "  - {name: ops, key: test-admin-key-0001-NOT-SECRET}"));
        Scenario.runEngine(engineDir);
        try (ReportingApp app = new ReportingApp(new ReportingSettings(engineDir.resolve("events"),
            Database.file(dir.resolve("db/reporting")), "127.0.0.1", -1, 0, accounts, dir.resolve("reports"), 4096,
            false)).start())
        {
            await().atMost(Duration.ofSeconds(30)).until(() -> app.ingest().committedSequence() == Scenario.COMMANDS);
            final ManagedChannel channel = Grpc.newChannelBuilderForAddress("127.0.0.1", app.grpcPort(),
                InsecureChannelCredentials.create()).build();
            try
            {
                final List<Position> bob = stub(channel, BOB_KEY).getPositions(GetPositionsRequest.getDefaultInstance())
                    .getPositionsList();
                assertEquals(1, bob.size());
                assertEquals(2, bob.get(0).getAccountId());
                assertEquals(14, bob.get(0).getQuantity());
                assertEquals(3, stub(channel, ALICE_KEY).getTrades(GetTradesRequest.getDefaultInstance()).getTradesCount());
                final StatusRuntimeException refused = assertThrows(StatusRuntimeException.class,
                    () -> stub(channel, "c-key").getTrades(GetTradesRequest.getDefaultInstance()));
                assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
            }
            finally
            {
                channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }

    private static ReportingServiceGrpc.ReportingServiceBlockingStub stub(final ManagedChannel channel, final String key)
    {
        final Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER), key);
        return ReportingServiceGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS)
            .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }
}
