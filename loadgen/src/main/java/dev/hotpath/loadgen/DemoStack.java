package dev.hotpath.loadgen;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.risk.RiskLimits;
import dev.hotpath.gateway.GatewayConfig;
import dev.hotpath.gateway.GatewayServer;
import dev.hotpath.reporting.ReportingApp;
import dev.hotpath.reporting.ReportingSettings;
import dev.hotpath.reporting.store.Database;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's services in one process: a gateway (with its engine, journal on) and reporting tailing that
 * engine's event journal, serving its dashboard, which shows the newest load-generator report.
 *
 * <p>The gateway's accounts and keys are generated (one per workload account, ids 1..N, written to
 * {@code <dir>/accounts.txt}); its instruments are the workload's. {@code start} and {@code close} from one thread.
 */
public final class DemoStack implements AutoCloseable
{
    private final GatewayServer gateway;
    private final ReportingApp reporting;
    private final List<String> keys;

    private DemoStack(final GatewayServer gateway, final ReportingApp reporting, final List<String> keys)
    {
        this.gateway = gateway;
        this.reporting = reporting;
        this.keys = keys;
    }

    /**
     * Limits so high they never bite: the demo stack measures the engine under generated load, whose positions
     * grow without bound over a long run. A real server takes its limits from its config file.
     */
    private static final GatewayConfig.Limits LOAD_LIMITS = new GatewayConfig.Limits(Long.MAX_VALUE, Long.MAX_VALUE,
        Integer.MAX_VALUE, RiskLimits.MAX_POSITION);

    /**
     * @param dir          where the journal, the database and the key list go.
     * @param instruments  the instruments to trade.
     * @param accounts     accounts to create (ids 1..accounts).
     * @param grpcPort     the gateway's port (0: any free).
     * @param httpPort     the dashboard's port (0: any free).
     * @param reportsDir   the reports root the dashboard reads ({@code latest/summary.json}).
     * @return the running stack.
     * @throws Exception when something cannot start.
     */
    public static DemoStack start(final Path dir, final List<Instrument> instruments, final int accounts,
        final int grpcPort, final int httpPort, final Path reportsDir) throws Exception
    {
        Files.createDirectories(dir);
        final List<String> keys = new ArrayList<>();
        final List<GatewayConfig.Account> accountList = new ArrayList<>();
        final String salt = Long.toString(System.nanoTime(), 36);
        for (int id = 1; id <= accounts; id++)
        {
            final String key = String.format("demo-%s-%06d-NOT-SECRET", salt, id);
            keys.add(key);
            accountList.add(new GatewayConfig.Account(id, "loadgen-" + id, key, null));
        }
        Files.write(dir.resolve("accounts.txt"), keys, StandardCharsets.UTF_8);
        final List<GatewayConfig.InstrumentEntry> entries = new ArrayList<>();
        for (final Instrument i : instruments)
        {
            entries.add(new GatewayConfig.InstrumentEntry(i.id(), i.symbol(), i.tickSize(), i.lotSize(),
                i.priceScale(), i.quantityScale()));
        }
        final Path journal = dir.resolve("journal");
        final GatewayConfig config = new GatewayConfig("127.0.0.1", grpcPort, -1, journal.toString(), 1 << 16,
            "SPIN_THEN_BLOCK", "AUTO", null, null, 1 << 18, 1 << 16, new GatewayConfig.RateLimit(10_000_000, 20_000_000), 10_000, entries,
            accountList, LOAD_LIMITS, List.of(), null, null, null);
        final GatewayServer gateway = GatewayServer.onNetty(new InetSocketAddress("127.0.0.1", grpcPort), config,
            GatewayServer.engineFromConfig(config)).start();
        final ReportingApp reporting;
        try
        {
            reporting = new ReportingApp(new ReportingSettings(journal.resolve("events"),
                Database.h2File(dir.resolve("reporting")), "127.0.0.1", httpPort, -1, null, reportsDir, 4096, false))
                .start();
        }
        catch (final Exception ex)
        {
            gateway.stop();
            throw ex;
        }
        return new DemoStack(gateway, reporting, keys);
    }

    /** @return the gateway's gRPC port. */
    public int grpcPort()
    {
        return gateway.port();
    }

    /** @return the dashboard's URL. */
    public String dashboardUrl()
    {
        return "http://127.0.0.1:" + reporting.httpPort() + "/";
    }

    /** @return reporting's HTTP (dashboard) port, whose {@code /api/status} gives its lag. */
    public int reportingHttpPort()
    {
        return reporting.httpPort();
    }

    /** @return the API keys, the k-th for account k + 1. */
    public List<String> keys()
    {
        return keys;
    }

    @Override
    public void close()
    {
        try
        {
            gateway.stop();
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        finally
        {
            reporting.close();
        }
    }

    /**
     * @param file a file of API keys, one a line (blank lines and {@code #} comments skipped).
     * @return the keys.
     * @throws IOException when it cannot be read.
     */
    static List<String> readKeys(final Path file) throws IOException
    {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().map(String::trim)
            .filter(s -> !s.isEmpty() && !s.startsWith("#")).toList();
    }
}
