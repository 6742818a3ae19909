package dev.hotpath.reporting.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * Where the reporting tables live: a JDBC URL (DuckDB by default; H2 and PostgreSQL take the same SQL), and the
 * schema, created if missing (the same tables everywhere; DuckDB's trades table has no key or index). Only plain SQL both accept: {@code CREATE TABLE/INDEX IF NOT EXISTS}, {@code BIGINT},
 * {@code DECIMAL}, {@code CHAR}, {@code LIMIT}; rows change by delete-then-insert, or by an {@code UPDATE}
 * followed by an {@code INSERT} where it found no row, in one transaction rather than by a vendor's upsert.
 *
 * <p>Immutable; any thread. Each caller gets its own connection.
 */
public final class Database
{
    /*
     * No index on trades.instrument_id: the tape and most history queries want the newest trades first, and
     * reading the primary key backwards with a filter finds them after a few rows, where H2 would otherwise pick
     * the instrument index and sort every trade of the instrument (measured: 60 rows read instead of 55,000).
     *
     * book_levels is a checkpoint of the book at book_position, rewritten whole now and then and at shutdown,
     * not a row per level change: writing every change cost more than every other table together (IngestPhasesIT).
     * The live book is served from memory (CommittedBook).
     */
    private static final String TRADE_COLUMNS = "trade_id BIGINT %s, sequence BIGINT NOT NULL, " +
        "ts_ns BIGINT NOT NULL, instrument_id INT NOT NULL, maker_order_id BIGINT NOT NULL, " +
        "maker_account_id BIGINT NOT NULL, taker_order_id BIGINT NOT NULL, taker_account_id BIGINT NOT NULL, " +
        "aggressor CHAR(1) NOT NULL, price BIGINT NOT NULL, quantity BIGINT NOT NULL";
    /** Row stores: the trades' primary key and the two account indexes serve the trade queries. */
    private static final List<String> ROW_STORE_TRADES = List.of(
        "CREATE TABLE IF NOT EXISTS trades (" + String.format(java.util.Locale.ROOT, TRADE_COLUMNS, "PRIMARY KEY") + ")",
        "CREATE INDEX IF NOT EXISTS trades_maker ON trades (maker_account_id, ts_ns)",
        "CREATE INDEX IF NOT EXISTS trades_taker ON trades (taker_account_id, ts_ns)");
    /**
     * DuckDB: no key and no index on trades. Its ART indexes slow the appender about 3x (measured: 0.27 against
     * 0.9 million rows/s) and are not used by the trade queries (an {@code OR} of two accounts, newest first),
     * which scan the columns instead; trade ids are unique by construction and exactly-once rests on the stored
     * journal position, not on a key.
     */
    private static final List<String> DUCKDB_TRADES = List.of(
        "CREATE TABLE IF NOT EXISTS trades (" + String.format(java.util.Locale.ROOT, TRADE_COLUMNS, "NOT NULL") + ")");
    /**
     * The layout of the tables below. Bump it with every change to them: a store of another version is refused at
     * start. 2: order_stats.triggered.
     */
    static final int STORE_VERSION = 2;
    private static final List<String> SCHEMA = List.of(
        "CREATE TABLE IF NOT EXISTS store_version (id INT PRIMARY KEY, version INT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS ingest_position (id INT PRIMARY KEY, chronicle_index BIGINT NOT NULL, " +
            "sequence BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS book_position (id INT PRIMARY KEY, chronicle_index BIGINT NOT NULL, " +
            "sequence BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS positions (account_id BIGINT NOT NULL, instrument_id INT NOT NULL, " +
            "quantity BIGINT NOT NULL, open_cost DECIMAL(38,10) NOT NULL, realized_pnl DECIMAL(38,10) NOT NULL, " +
            "bought_quantity BIGINT NOT NULL, sold_quantity BIGINT NOT NULL, PRIMARY KEY (account_id, instrument_id))",
        "CREATE TABLE IF NOT EXISTS bars (instrument_id INT NOT NULL, interval_s INT NOT NULL, " +
            "start_ns BIGINT NOT NULL, open_price BIGINT NOT NULL, high_price BIGINT NOT NULL, " +
            "low_price BIGINT NOT NULL, close_price BIGINT NOT NULL, volume BIGINT NOT NULL, " +
            "notional DECIMAL(38,0) NOT NULL, trade_count BIGINT NOT NULL, " +
            "PRIMARY KEY (instrument_id, interval_s, start_ns))",
        "CREATE TABLE IF NOT EXISTS instruments (instrument_id INT PRIMARY KEY, last_price BIGINT NOT NULL, " +
            "last_trade_ns BIGINT NOT NULL, volume BIGINT NOT NULL, notional DECIMAL(38,0) NOT NULL, " +
            "trade_count BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS order_stats (account_id BIGINT PRIMARY KEY, placed BIGINT NOT NULL, " +
            "accepted BIGINT NOT NULL, amended BIGINT NOT NULL, rejected BIGINT NOT NULL, filled BIGINT NOT NULL, " +
            "cancelled BIGINT NOT NULL, expired BIGINT NOT NULL, self_trade_prevented BIGINT NOT NULL, " +
            "fills BIGINT NOT NULL, triggered BIGINT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS order_rejects (account_id BIGINT NOT NULL, reason VARCHAR(64) NOT NULL, " +
            "reject_count BIGINT NOT NULL, PRIMARY KEY (account_id, reason))",
        "CREATE TABLE IF NOT EXISTS book_levels (instrument_id INT NOT NULL, side CHAR(1) NOT NULL, " +
            "price BIGINT NOT NULL, quantity BIGINT NOT NULL, order_count INT NOT NULL, " +
            "PRIMARY KEY (instrument_id, side, price))");

    private final String url;
    private final StoreKind kind;
    private final String user;
    private final String password;

    /**
     * @param url      JDBC URL, e.g. {@code jdbc:h2:file:./data/reporting} or {@code jdbc:postgresql://host/db}.
     * @param user     user name ("" for none).
     * @param password password ("" for none).
     */
    public Database(final String url, final String user, final String password)
    {
        this.url = closedByItsOwner(crashSafe(url));
        this.kind = StoreKind.of(url);
        this.user = user;
        this.password = password;
    }

    /**
     * An H2 URL made safe for {@code kill -9}: {@code WRITE_DELAY=0} unless the URL sets {@code WRITE_DELAY}
     * itself; other URLs unchanged.
     *
     * <p>Why. With H2's default write delay (500 ms) committed changes are written to the file by a background
     * thread while the ingest writer goes on with its next transaction, and a {@code kill -9} can leave a file
     * whose newest version holds a transaction's journal position but not all of its rows: measured in
     * {@code ReportingRestartIT}, order statistics rows of five accounts missing next to a stored position and
     * positions that were right. With {@code WRITE_DELAY=0} there is no background writer: each commit stores
     * the file in the committing thread, so the file only ever holds whole transactions (fewer, larger
     * batches keep the cost down). This also makes a commit durable against a crash of the process.
     *
     * @param url a JDBC URL.
     * @return the URL to connect with.
     */
    static String crashSafe(final String url)
    {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") ||
            url.toUpperCase(java.util.Locale.ROOT).contains(";WRITE_DELAY="))
        {
            return url;
        }
        return url + ";WRITE_DELAY=0";
    }

    /**
     * An H2 URL whose database is not closed by H2's own shutdown hook ({@code DB_CLOSE_ON_EXIT=FALSE} unless
     * the URL sets it); other URLs unchanged.
     *
     * <p>Why. On SIGTERM the reporting process closes its ingest from its own shutdown hook, and the ingest's
     * last transaction stores the book checkpoint. H2's hook runs at the same time and closed the database
     * under it (measured in {@code ReportingRestartIT}: the graceful stop stored no book). Without H2's hook
     * the database closes with its last connection; a JVM that ends without closing it is no worse than
     * {@code kill -9}, which {@link #crashSafe} makes safe.
     *
     * @param url a JDBC URL.
     * @return the URL to connect with.
     */
    static String closedByItsOwner(final String url)
    {
        if (!url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") ||
            url.toUpperCase(java.util.Locale.ROOT).contains(";DB_CLOSE_ON_EXIT="))
        {
            return url;
        }
        return url + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * The default store in a file: DuckDB (see the reporting README for the measurement that chose it).
     *
     * @param file the file's path without a suffix ({@code .duckdb} is added).
     * @return the database.
     */
    public static Database file(final java.nio.file.Path file)
    {
        return duckDbFile(file);
    }

    /**
     * A DuckDB database in a file.
     *
     * @param file the file's path without the {@code .duckdb} suffix.
     * @return the database.
     */
    public static Database duckDbFile(final java.nio.file.Path file)
    {
        return new Database("jdbc:duckdb:" + file.toAbsolutePath() + ".duckdb", "", "");
    }

    /**
     * An H2 database in a file.
     *
     * @param file the file's path without the {@code .mv.db} suffix.
     * @return the database.
     */
    public static Database h2File(final java.nio.file.Path file)
    {
        return new Database("jdbc:h2:file:" + file.toAbsolutePath(), "sa", "");
    }

    /**
     * @return a new connection; the caller closes it.
     * @throws SQLException when the database cannot be reached.
     */
    public Connection connect() throws SQLException
    {
        if (kind == StoreKind.DUCKDB)
        {
            createParentDirectory();
        }
        if (kind == StoreKind.DUCKDB)
        {
            return DriverManager.getConnection(url); // no users; DuckDB takes other properties as its settings
        }
        return DriverManager.getConnection(url, user, password);
    }

    /**
     * Creates missing tables and the journal-position rows (of the projections and of the book checkpoint); refuses a
     * store another build wrote ({@link #STORE_VERSION}).
     *
     * @throws SQLException on a database error.
     */
    public void createSchema() throws SQLException
    {
        try (Connection c = connect(); Statement s = c.createStatement())
        {
            final boolean existed = hasTables(c);
            for (final String ddl : kind == StoreKind.DUCKDB ? DUCKDB_TRADES : ROW_STORE_TRADES)
            {
                s.execute(ddl);
            }
            for (final String ddl : SCHEMA)
            {
                s.execute(ddl);
            }
            checkStoreVersion(s, existed);
            for (final String table : List.of("ingest_position", "book_position"))
            {
                try (var rs = s.executeQuery("SELECT COUNT(*) FROM " + table + " WHERE id = 1"))
                {
                    rs.next();
                    if (rs.getLong(1) == 0)
                    {
                        s.executeUpdate("INSERT INTO " + table + " (id, chronicle_index, sequence) VALUES (1, -1, 0)");
                    }
                }
            }
        }
    }

    /**
     * Refuses a store another build wrote, with what to do, rather than fail on the first batch or count from a
     * partial history: a fresh store gets {@link #STORE_VERSION}; a store that has tables but no version is from a
     * build before versions were written.
     *
     * @param existed whether the store had its tables before this start.
     */
    private void checkStoreVersion(final Statement s, final boolean existed) throws SQLException
    {
        try (var rs = s.executeQuery("SELECT version FROM store_version WHERE id = 1"))
        {
            if (rs.next())
            {
                final int version = rs.getInt(1);
                if (version != STORE_VERSION)
                {
                    throw refused("store version " + version + ", this build reads " + STORE_VERSION);
                }
                return;
            }
        }
        if (existed)
        {
            throw refused("no store version: an older build of reporting wrote it");
        }
        s.executeUpdate("INSERT INTO store_version (id, version) VALUES (1, " + STORE_VERSION + ")");
    }

    private SQLException refused(final String why)
    {
        return new SQLException(url + " was written by another build of reporting (" + why + "): delete it, or " +
            "point --db-url elsewhere, and reporting rebuilds it from the event journal");
    }

    /** @return whether the store already has its tables (order_stats stands for all of them). */
    private static boolean hasTables(final Connection c)
    {
        try (Statement probe = c.createStatement()) // its own: a failed query may close its statement (DuckDB)
        {
            probe.executeQuery("SELECT 1 FROM order_stats WHERE 1 = 0").close();
            return true;
        }
        catch (final SQLException absent)
        {
            return false;
        }
    }

    /** DuckDB, unlike H2, does not create the directory of its file. */
    private void createParentDirectory() throws SQLException
    {
        final String file = url.substring("jdbc:duckdb:".length()).split("\\?", 2)[0];
        if (file.isEmpty() || file.startsWith(":memory:"))
        {
            return;
        }
        final java.nio.file.Path parent = java.nio.file.Path.of(file).toAbsolutePath().getParent();
        try
        {
            java.nio.file.Files.createDirectories(parent);
        }
        catch (final java.io.IOException ex)
        {
            throw new SQLException("cannot create " + parent, ex);
        }
    }

    /** @return the kind of database the URL names. */
    public StoreKind kind()
    {
        return kind;
    }

    /** @return the JDBC URL. */
    public String url()
    {
        return url;
    }
}
