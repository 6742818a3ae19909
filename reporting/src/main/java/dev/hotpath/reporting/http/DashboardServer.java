package dev.hotpath.reporting.http;

import com.google.gson.Gson;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hotpath.engine.auth.ApiKeyInterceptor;
import dev.hotpath.reporting.config.Account;
import dev.hotpath.reporting.config.AccountDirectory;
import dev.hotpath.reporting.ingest.IngestLag;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.BookLevelRow;
import dev.hotpath.reporting.projection.InstrumentRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.TradeRow;
import dev.hotpath.reporting.read.ReportingReads;
import dev.hotpath.reporting.store.ReportingQueries;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The dashboard: static pages from the class path ({@code /static}, uPlot vendored there) and JSON endpoints
 * the page polls. Market data (book, tape, bars, instruments) is public; positions need the account's API key
 * in the {@code X-Api-Key} header, like the gRPC API. The book comes from the running ingest's memory
 * ({@code ReportingIngest.book()}); the tape, bars and positions through {@link ReportingReads} (memory when it
 * holds the whole answer, the database otherwise); the rest from the database. Either way the page shows committed
 * data only.
 *
 * <pre>
 *   GET /api/instruments                     instruments that traded: last price, volume, VWAP
 *   GET /api/book?instrument=0&amp;depth=10      L2 book from LevelChanged events
 *   GET /api/trades?instrument=0&amp;limit=50    trade tape, newest first
 *   GET /api/bars?instrument=0&amp;interval=1s&amp;limit=300   OHLCV bars, oldest first
 *   GET /api/positions                       the caller's positions (X-Api-Key)
 *   GET /api/latency                         the latest load-generator run
 *   GET /api/status                          ingest progress and lag behind the event journal
 *   GET /metrics                             the same in the Prometheus text format
 * </pre>
 *
 * <p>Requests run on a pool of two threads; {@code start} and {@code close} from one controlling thread.
 */
public final class DashboardServer implements AutoCloseable
{
    private static final Gson GSON = new Gson();

    private final HttpServer server;
    private final ExecutorService executor;
    private final ReportingQueries queries;
    private final ReportingReads reads;
    private final AccountDirectory accounts;
    private final LatencyReport latency;
    private final ReportingIngest ingest;

    /**
     * @param address    where to listen (port 0: any free one).
     * @param queries    reads the projections.
     * @param accounts   API keys for the positions endpoint.
     * @param reportsDir where load-generator reports are.
     * @param ingest     for the status endpoint ({@code null}: none).
     * @throws IOException when the port cannot be bound.
     */
    public DashboardServer(final InetSocketAddress address, final ReportingQueries queries,
        final AccountDirectory accounts, final Path reportsDir, final ReportingIngest ingest) throws IOException
    {
        this.queries = queries;
        this.accounts = accounts;
        this.latency = new LatencyReport(reportsDir);
        this.ingest = ingest;
        this.reads = new ReportingReads(queries, ingest);
        this.server = HttpServer.create(address, 64);
        // one virtual thread per request: page loads and API calls block on JDBC without holding platform threads
        this.executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    /** @return this, listening. */
    public DashboardServer start()
    {
        server.start();
        return this;
    }

    /** @return the port listened on. */
    public int port()
    {
        return server.getAddress().getPort();
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        try
        {
            route(exchange);
        }
        catch (final IllegalArgumentException ex)
        {
            send(exchange, 400, "text/plain", String.valueOf(ex.getMessage()));
        }
        catch (final SQLException ex)
        {
            send(exchange, 500, "text/plain", "database: " + ex.getMessage());
        }
        finally
        {
            exchange.close();
        }
    }

    private void route(final HttpExchange exchange) throws IOException, SQLException
    {
        if (!"GET".equals(exchange.getRequestMethod()))
        {
            send(exchange, 405, "text/plain", "GET only");
            return;
        }
        final String path = exchange.getRequestURI().getPath();
        final Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        switch (path)
        {
            case "/", "/index.html" -> resource(exchange, "index.html");
            case "/api/instruments" -> json(exchange, instruments());
            case "/api/book" -> json(exchange, book(intParam(query, "instrument", 0),
                Math.min(intParam(query, "depth", 10), 100)));
            case "/api/trades" -> json(exchange, tape(intParam(query, "instrument", 0),
                Math.min(intParam(query, "limit", 50), 1000)));
            case "/api/bars" -> json(exchange, bars(intParam(query, "instrument", 0),
                BarInterval.ofLabel(query.getOrDefault("interval", "1s")),
                Math.min(intParam(query, "limit", 300), 5000)));
            case "/api/positions" -> positions(exchange);
            case "/api/latency" -> send(exchange, 200, "application/json", latency.json());
            case "/api/status" -> json(exchange, status());
            case "/metrics" -> metrics(exchange);
            default ->
            {
                if (path.startsWith("/static/") && !path.contains(".."))
                {
                    resource(exchange, path.substring("/static/".length()));
                }
                else
                {
                    send(exchange, 404, "text/plain", "not found");
                }
            }
        }
    }

    private List<Map<String, Object>> instruments() throws SQLException
    {
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final InstrumentRow i : queries.instruments())
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("instrument", i.instrumentId());
            m.put("lastPrice", i.lastPrice());
            m.put("volume", i.volume());
            m.put("vwap", decimal(i.vwap()));
            m.put("trades", i.tradeCount());
            out.add(m);
        }
        return out;
    }

    private Map<String, Object> book(final int instrument, final int depth) throws SQLException
    {
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("instrument", instrument);
        // the running ingest's book is the live one; without an ingest, the checkpoint stored at its last stop
        out.put("bids", levels(ingest != null ? ingest.book().levels(instrument, true, depth) :
            queries.book(instrument, true, depth)));
        out.put("asks", levels(ingest != null ? ingest.book().levels(instrument, false, depth) :
            queries.book(instrument, false, depth)));
        return out;
    }

    private static List<Map<String, Object>> levels(final List<BookLevelRow> rows)
    {
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final BookLevelRow l : rows)
        {
            out.add(Map.of("price", l.price(), "quantity", l.quantity(), "orders", l.orderCount()));
        }
        return out;
    }

    private List<Map<String, Object>> tape(final int instrument, final int limit) throws SQLException
    {
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final TradeRow t : reads.tape(instrument, limit))
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("tradeId", t.tradeId());
            m.put("timestampNs", Long.toString(t.timestampNs()));
            m.put("price", t.price());
            m.put("quantity", t.quantity());
            m.put("aggressor", t.aggressorBuy() ? "BUY" : "SELL");
            out.add(m);
        }
        return out;
    }

    private List<Map<String, Object>> bars(final int instrument, final BarInterval interval, final int limit)
        throws SQLException
    {
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final BarRow b : reads.bars(instrument, interval, 0, 0, limit))
        {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("startNs", Long.toString(b.startNs()));
            m.put("startSec", b.startNs() / 1_000_000_000L);
            m.put("open", b.open());
            m.put("high", b.high());
            m.put("low", b.low());
            m.put("close", b.close());
            m.put("volume", b.volume());
            m.put("vwap", decimal(b.vwap()));
            out.add(m);
        }
        return out;
    }

    private void positions(final HttpExchange exchange) throws IOException, SQLException
    {
        final Optional<Account> account = accounts.authenticate(exchange.getRequestHeaders().getFirst(ApiKeyInterceptor.HEADER));
        if (account.isEmpty())
        {
            send(exchange, 401, "application/json", "{\"error\":\"missing or unknown X-Api-Key\"}");
            return;
        }
        final Map<Integer, Long> prices = reads.lastPrices();
        final List<Map<String, Object>> out = new ArrayList<>();
        for (final PositionRow p : reads.positions(account.get().id()))
        {
            final long last = prices.getOrDefault(p.instrumentId(), 0L);
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("instrument", p.instrumentId());
            m.put("quantity", p.quantity());
            m.put("averagePrice", decimal(p.averagePrice()));
            m.put("realizedPnl", decimal(p.realizedPnl()));
            m.put("unrealizedPnl", decimal(p.unrealizedPnl(last)));
            m.put("lastPrice", last);
            out.add(m);
        }
        final Map<String, Object> body = new LinkedHashMap<>();
        body.put("account", account.get().id());
        body.put("name", account.get().name());
        body.put("positions", out);
        json(exchange, body);
    }

    private Map<String, Object> status()
    {
        final Map<String, Object> m = new LinkedHashMap<>();
        if (ingest != null)
        {
            m.put("committedSequence", ingest.committedSequence());
            m.put("committedEvents", ingest.committedEvents());
            m.put("batches", ingest.committedBatches());
            m.put("running", ingest.isRunning());
            m.put("lastWriteMillis", ingest.writes().lastMillis());
            m.put("lastWriteFrames", ingest.writes().lastFrames());
            m.put("longestWriteMillis", ingest.writes().longestMillis());
            m.put("longestWriteFrames", ingest.writes().longestFrames());
            m.put("writeStalls", ingest.writes().stalls());
            final IngestLag lag = ingest.lag();
            m.put("journalSequence", lag.journalSequence());
            m.put("lagCommands", lag.commands());
            m.put("lagMillis", lag.millis());
        }
        return m;
    }

    private void metrics(final HttpExchange exchange) throws IOException
    {
        if (ingest == null)
        {
            send(exchange, 404, "text/plain", "no ingest in this process");
            return;
        }
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", IngestMetrics.scrape(ingest));
    }

    private static String decimal(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    private static int intParam(final Map<String, String> query, final String name, final int fallback)
    {
        final String value = query.get(name);
        if (value == null || value.isEmpty())
        {
            return fallback;
        }
        try
        {
            return Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(name + " must be a number");
        }
    }

    private static Map<String, String> query(final String raw)
    {
        final Map<String, String> out = new HashMap<>();
        if (raw == null)
        {
            return out;
        }
        for (final String pair : raw.split("&"))
        {
            final int eq = pair.indexOf('=');
            if (eq > 0)
            {
                out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static void json(final HttpExchange exchange, final Object body) throws IOException
    {
        send(exchange, 200, "application/json", GSON.toJson(body));
    }

    private static void resource(final HttpExchange exchange, final String name) throws IOException
    {
        try (InputStream in = DashboardServer.class.getResourceAsStream("/static/" + name))
        {
            if (in == null)
            {
                send(exchange, 404, "text/plain", "not found");
                return;
            }
            final byte[] bytes = in.readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", contentType(name));
            exchange.sendResponseHeaders(200, bytes.length);
            try (OutputStream out = exchange.getResponseBody())
            {
                out.write(bytes);
            }
        }
    }

    private static String contentType(final String name)
    {
        if (name.endsWith(".html"))
        {
            return "text/html; charset=utf-8";
        }
        if (name.endsWith(".js"))
        {
            return "text/javascript; charset=utf-8";
        }
        if (name.endsWith(".css"))
        {
            return "text/css; charset=utf-8";
        }
        return "application/octet-stream";
    }

    private static void send(final HttpExchange exchange, final int status, final String type, final String body)
        throws IOException
    {
        final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type.contains("charset") ? type : type + "; charset=utf-8");
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody())
        {
            out.write(bytes);
        }
    }

    /** Stops listening, waiting up to a second for requests in flight. */
    @Override
    public void close()
    {
        server.stop(1);
        executor.shutdown();
        try
        {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
