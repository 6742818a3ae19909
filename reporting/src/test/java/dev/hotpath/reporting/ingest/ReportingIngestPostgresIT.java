package dev.hotpath.reporting.ingest;

import dev.hotpath.reporting.store.Database;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@link ReportingIngestTest}'s hand-checked flow on a real PostgreSQL: the same projections, the same SQL queries,
 * the README's claim that the store runs there too. The server comes from the environment:
 * {@code HOTPATH_POSTGRES_URL} (e.g. {@code jdbc:postgresql://127.0.0.1:5432/hotpath}), {@code HOTPATH_POSTGRES_USER}
 * and {@code HOTPATH_POSTGRES_PASSWORD}; {@code .ci/run} installs Debian's PostgreSQL, starts it and sets them.
 * Without them the tests are skipped, unless {@code HOTPATH_REQUIRE_POSTGRES=1} (as in CI), when they fail.
 *
 * <p>Each store file of a test is a schema of its own ({@code currentSchema} on the URL), so every test starts
 * from an empty store and reopens the same one.
 */
class ReportingIngestPostgresIT extends ReportingIngestTest
{
    private static final String URL = System.getenv("HOTPATH_POSTGRES_URL");
    private static final String USER = System.getenv().getOrDefault("HOTPATH_POSTGRES_USER", "hotpath");
    private static final String PASSWORD = System.getenv().getOrDefault("HOTPATH_POSTGRES_PASSWORD", "");
    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    /** A file names one store: the same schema for the same file (a test reopens its store), a new one otherwise. */
    private static final Map<Path, String> SCHEMA_OF_FILE = new ConcurrentHashMap<>();

    @BeforeAll
    static void needsPostgres()
    {
        if ("1".equals(System.getenv("HOTPATH_REQUIRE_POSTGRES")))
        {
            if (URL == null)
            {
                throw new IllegalStateException("HOTPATH_REQUIRE_POSTGRES=1 but HOTPATH_POSTGRES_URL is not set");
            }
            return;
        }
        Assumptions.assumeTrue(URL != null, "no PostgreSQL: set HOTPATH_POSTGRES_URL (.ci/run does)");
    }

    @Override
    Database store(final Path file)
    {
        final String schema = SCHEMA_OF_FILE.computeIfAbsent(file, f -> createSchema());
        return new Database(URL + (URL.contains("?") ? "&" : "?") + "currentSchema=" + schema, USER, PASSWORD);
    }

    private static String createSchema()
    {
        final String schema = "ingest_" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
        try (Connection c = DriverManager.getConnection(URL, USER, PASSWORD); Statement s = c.createStatement())
        {
            s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
            s.execute("CREATE SCHEMA " + schema);
        }
        catch (final SQLException ex)
        {
            throw new IllegalStateException("cannot prepare a schema on " + URL + ": " + ex.getMessage(), ex);
        }
        return schema;
    }
}
