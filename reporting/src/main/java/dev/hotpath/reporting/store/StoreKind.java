package dev.hotpath.reporting.store;

import java.util.Locale;

/**
 * The kinds of database the reporting store runs on, told apart by the JDBC URL: they share the queries but
 * differ in how rows are written and in a few lines of schema.
 *
 * <p>Immutable; any thread.
 */
public enum StoreKind
{
    /** DuckDB ({@code jdbc:duckdb:}): columnar, written with appenders; the default. */
    DUCKDB,
    /** H2 ({@code jdbc:h2:}): pure Java, written with JDBC batches. */
    H2,
    /** Any other JDBC database (PostgreSQL): plain SQL, written with JDBC batches. */
    OTHER;

    /**
     * @param url a JDBC URL.
     * @return its kind.
     */
    public static StoreKind of(final String url)
    {
        final String u = url.toLowerCase(Locale.ROOT);
        if (u.startsWith("jdbc:duckdb:"))
        {
            return DUCKDB;
        }
        return u.startsWith("jdbc:h2:") ? H2 : OTHER;
    }
}
