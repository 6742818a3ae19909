package dev.hotpath.loadgen;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples a running reporting process's lag behind the event journal, the figures it already exports on its
 * dashboard's {@code GET /api/status} ({@code lagCommands}, {@code lagMillis}): every {@value #EVERY_MS} ms from
 * {@link #beginStep} on, and once more at {@link #endStep}; the step's {@link ReportingLag} is the most seen and the
 * last.
 *
 * <p>The samples are taken on a thread of its own ({@code hotpath-reporting-lag}, a daemon, idle between samples);
 * {@link #beginStep} may be called from the sender's thread, {@link #endStep} and {@link #close} from the sweep's.
 * One step at a time.
 */
public final class ReportingLagProbe implements AutoCloseable
{
    /** Sampling period, ms. */
    static final long EVERY_MS = 100;
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String target;
    private final URI status;
    private final HttpClient http;
    private final ScheduledExecutorService sampler;
    private final Object lock = new Object();
    private volatile boolean stepRunning;
    private long samples;
    private long failed;
    private long maxCommands;
    private long maxMillis;

    /**
     * Connects and reads the status once, so that a wrong address fails before any step runs.
     *
     * @param target reporting's HTTP (dashboard) address, {@code host:port}.
     * @throws IllegalArgumentException when the address is malformed, does not answer, or serves no ingest.
     */
    public ReportingLagProbe(final String target)
    {
        this.target = target;
        this.status = statusUri(target);
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        final long[] first = read();
        if (first == null)
        {
            http.close();
            throw new IllegalArgumentException("--reporting " + target + ": " + status + " gave no lag " +
                "(is it reporting's HTTP port, with an ingest running?)");
        }
        this.sampler = Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, "hotpath-reporting-lag");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(this::sample, EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /** @return the address sampled, {@code host:port}. */
    public String target()
    {
        return target;
    }

    /** Starts a step's window: the figures start over and samples are recorded from now on. */
    public void beginStep()
    {
        synchronized (lock)
        {
            samples = 0;
            failed = 0;
            maxCommands = 0;
            maxMillis = 0;
            stepRunning = true;
        }
    }

    /**
     * Ends the step's window with one last sample, taken now.
     *
     * @return what the step's samples saw.
     */
    public ReportingLag endStep()
    {
        final long[] last = read();
        synchronized (lock)
        {
            stepRunning = false;
            record(last);
            return new ReportingLag(samples, failed, maxCommands, maxMillis, last == null ? 0 : last[0],
                last == null ? 0 : last[1]);
        }
    }

    private void sample()
    {
        if (!stepRunning)
        {
            return;
        }
        final long[] lag = read();
        synchronized (lock)
        {
            if (stepRunning)
            {
                record(lag);
            }
        }
    }

    private void record(final long[] lag)
    {
        if (lag == null)
        {
            failed++;
            return;
        }
        samples++;
        maxCommands = Math.max(maxCommands, lag[0]);
        maxMillis = Math.max(maxMillis, lag[1]);
    }

    /** @return {@code [lagCommands, lagMillis]}, or null when the status did not answer with them. */
    private long[] read()
    {
        try
        {
            final HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(status).timeout(TIMEOUT).GET()
                .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200)
            {
                return null;
            }
            final JsonNode body = JSON.readTree(response.body());
            final JsonNode commands = body.get("lagCommands");
            final JsonNode millis = body.get("lagMillis");
            return commands == null || millis == null ? null : new long[] {commands.asLong(), millis.asLong()};
        }
        catch (final IOException ex)
        {
            return null;
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * @param target {@code host:port}.
     * @return its status endpoint.
     * @throws IllegalArgumentException when it is not {@code host:port}.
     */
    static URI statusUri(final String target)
    {
        final int colon = target.lastIndexOf(':');
        if (colon < 1 || colon == target.length() - 1)
        {
            throw new IllegalArgumentException("--reporting must be host:port (reporting's HTTP port), not '" +
                target + "'");
        }
        final int port;
        try
        {
            port = Integer.parseInt(target.substring(colon + 1));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("--reporting " + target + ": the port is not a number");
        }
        if (port < 1 || port > 65_535)
        {
            throw new IllegalArgumentException("--reporting " + target + ": port out of range");
        }
        return URI.create("http://" + target.substring(0, colon) + ":" + port + "/api/status");
    }

    @Override
    public void close()
    {
        sampler.shutdownNow();
        http.close();
    }
}
