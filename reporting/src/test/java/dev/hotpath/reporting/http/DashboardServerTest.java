package dev.hotpath.reporting.http;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.hotpath.reporting.config.Account;
import dev.hotpath.reporting.config.AccountDirectory;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ReportingQueries;
import dev.hotpath.reporting.testing.Scenario;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The dashboard's JSON endpoints and static files on the hand-checked {@link Scenario}. */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DashboardServerTest
{
    @TempDir
    static Path engineDir;

    @TempDir
    static Path dbDir;

    @TempDir
    Path reports;

    private static Database db;
    private DashboardServer server;
    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void ingestScenario() throws Exception
    {
        Scenario.runEngine(engineDir);
        db = Database.file(dbDir.resolve("reporting"));
        Scenario.ingest(engineDir, db, 4096);
    }

    @AfterEach
    void stop()
    {
        if (server != null)
        {
            server.close();
        }
    }

    private HttpResponse<String> get(final String path, final String... headers) throws Exception
    {
        if (server == null)
        {
            server = new DashboardServer(new InetSocketAddress("127.0.0.1", 0), new ReportingQueries(db),
                new AccountDirectory(List.of(new Account(2, "bob", "test-key-0002-NOT-SECRET"))), reports, null).start();
        }
        final HttpRequest.Builder request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + path));
        if (headers.length > 0)
        {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldServeTheBookAndTheTape() throws Exception
    {
        final JsonObject book = JsonParser.parseString(get("/api/book?instrument=0").body()).getAsJsonObject();
        assertEquals(95, book.getAsJsonArray("bids").get(0).getAsJsonObject().get("price").getAsLong());
        assertEquals(7, book.getAsJsonArray("asks").get(0).getAsJsonObject().get("quantity").getAsLong());
        final JsonArray tape = JsonParser.parseString(get("/api/trades?instrument=0&limit=2").body()).getAsJsonArray();
        assertEquals(2, tape.size());
        assertEquals(102, tape.get(0).getAsJsonObject().get("price").getAsLong());
        final JsonArray bars = JsonParser.parseString(get("/api/bars?instrument=0&interval=1m").body()).getAsJsonArray();
        assertEquals("100.214286", bars.get(0).getAsJsonObject().get("vwap").getAsString());
    }

    @Test
    void shouldServePositionsOnlyWithAKey() throws Exception
    {
        assertEquals(401, get("/api/positions").statusCode());
        assertEquals(401, get("/api/positions", "X-Api-Key", "nope").statusCode());
        final JsonObject body = JsonParser.parseString(get("/api/positions", "X-Api-Key", "test-key-0002-NOT-SECRET").body())
            .getAsJsonObject();
        final JsonObject position = body.getAsJsonArray("positions").get(0).getAsJsonObject();
        assertEquals(14, position.get("quantity").getAsLong());
        assertEquals("25", position.get("unrealizedPnl").getAsString());
    }

    @Test
    void shouldSayNoRunYetUntilASummaryExists() throws Exception
    {
        assertEquals("no run yet", JsonParser.parseString(get("/api/latency").body()).getAsJsonObject()
            .get("message").getAsString());
        Files.createDirectories(reports.resolve("latest"));
        Files.writeString(reports.resolve("latest/summary.json"), "[{\"mode\":\"open\",\"workload\":\"mixed\"," +
            "\"offered_rate\":10000,\"achieved_rate\":9990,\"count\":100000,\"p50_us\":12,\"p90_us\":20,\"p99_us\":45," +
            "\"p999_us\":120,\"p9999_us\":800,\"max_us\":1500,\"errors\":0,\"extra\":1}]");
        final JsonObject report = JsonParser.parseString(get("/api/latency").body()).getAsJsonObject();
        final JsonObject run = report.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertEquals(45, run.get("p99_us").getAsLong());
        assertTrue(!run.has("extra"));
    }

    @Test
    void shouldServeThePageAndTheVendoredChartLibraryButNothingOutsideStatic() throws Exception
    {
        assertTrue(get("/").body().contains("id=\"book-bids\""));
        final HttpResponse<String> uplot = get("/static/vendor/uplot/uPlot.iife.min.js");
        assertEquals(200, uplot.statusCode());
        assertTrue(uplot.headers().firstValue("Content-Type").orElse("").startsWith("text/javascript"));
        assertEquals(404, get("/static/../dev/hotpath/reporting/ReportingMain.class").statusCode());
        assertEquals(400, get("/api/bars?interval=5m").statusCode());
    }
}
