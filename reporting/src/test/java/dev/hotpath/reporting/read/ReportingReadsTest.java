package dev.hotpath.reporting.read;

import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.it.EngineChild;
import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ReportingQueries;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The hot queries from memory give what SQL gives: a trade-heavy flow (EngineChild's: 6 accounts, 2 instruments,
 * paced over about 2 s so there are several 1 s bars) ingested into DuckDB, then every account's trades pages,
 * positions and prices, and every instrument's bars and tape through {@link ReportingReads} against
 * {@link ReportingQueries}; on a fresh store and after a restart (memory then holds only what came since).
 */
class ReportingReadsTest
{
    private static final int ACCOUNTS = 6;
    private static final int COMMANDS = 24_000;

    @TempDir
    static Path engineDir;

    @BeforeAll
    static void writeJournal() throws Exception
    {
        EngineChild.main(new String[] {engineDir.toString(), "5", Integer.toString(COMMANDS), "12000"});
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldAnswerFromMemoryWhatSqlAnswers(@TempDir final Path dbDir) throws Exception
    {
        final Database db = Database.duckDbFile(dbDir.resolve("reporting"));
        try (ReportingIngest ingest = caughtUp(db); ReportingQueries sql = new ReportingQueries(db))
        {
            final ReportingReads reads = new ReportingReads(sql, ingest);
            for (long account = 1; account <= ACCOUNTS; account++)
            {
                assertNotNull(ingest.accountTrades().latest(account, -1, 0, 0, 50), "page from memory");
                assertNotNull(ingest.accountTrades().latest(account, -1, 0, 0, ReportingIngest.ACCOUNT_TRADES),
                    "a full ring serves its size");
                assertNull(ingest.accountTrades().latest(account, 0, 0, 0, 50),
                    "a filter over more trades than held goes to SQL");
            }
            for (int instrument = 0; instrument < 2; instrument++)
            {
                assertNotNull(ingest.bars().bars(instrument, BarInterval.ONE_SECOND, 0, 0, 60), "bars from memory");
            }
            assertSame(reads, sql);
        }
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void shouldAnswerWhatSqlAnswersAfterARestart(@TempDir final Path dbDir) throws Exception
    {
        final Database db = Database.duckDbFile(dbDir.resolve("reporting"));
        caughtUp(db).close();
        try (ReportingIngest ingest = caughtUp(db); ReportingQueries sql = new ReportingQueries(db))
        {
            assertNull(ingest.accountTrades().latest(1, -1, 0, 0, 50),
                "nothing new since the restart: the page is in the store only");
            assertNull(ingest.bars().bars(0, BarInterval.ONE_SECOND, 0, 0, 60),
                "older bars than the newest are in the store only");
            assertSame(new ReportingReads(sql, ingest), sql);
        }
    }

    private static ReportingIngest caughtUp(final Database db) throws Exception
    {
        final ReportingIngest ingest = new ReportingIngest(engineDir.resolve("events"), db, BatchListener.NONE, 4096, 4)
            .start();
        assertTrue(ingest.awaitStarted(30, TimeUnit.SECONDS));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10))
            .failFast(() -> ingest.failure() != null)
            .until(() -> ingest.lag().commands() == 0 && ingest.committedSequence() > 0 && ingest.lag().journalSequence()
                == ingest.committedSequence() && ingest.committedSequence() >= COMMANDS);
        return ingest;
    }

    private static void assertSame(final ReportingReads reads, final ReportingQueries sql) throws Exception
    {
        long trades = 0;
        for (long account = 1; account <= ACCOUNTS; account++)
        {
            for (final int limit : new int[] {1, 50, ReportingIngest.ACCOUNT_TRADES, 500})
            {
                assertEquals(sql.accountTrades(account, -1, 0, 0, limit), reads.accountTrades(account, -1, 0, 0, limit),
                    "account " + account + " limit " + limit);
            }
            assertEquals(sql.accountTrades(account, 1, 0, 0, 50), reads.accountTrades(account, 1, 0, 0, 50));
            trades += reads.accountTrades(account, -1, 0, 0, 50).size();
            assertEquals(positions(sql.positions(account)), positions(reads.positions(account)), "account " + account);
        }
        assertTrue(trades > 0, "the flow traded");
        assertEquals(sql.lastPrices(), reads.lastPrices());
        for (int instrument = 0; instrument < 2; instrument++)
        {
            for (final BarInterval interval : BarInterval.values())
            {
                for (final int limit : new int[] {1, 2, 60})
                {
                    assertEquals(bars(sql.bars(instrument, interval, 0, 0, limit)),
                        bars(reads.bars(instrument, interval, 0, 0, limit)), instrument + " " + interval + " " + limit);
                }
            }
            final List<BarRow> all = sql.bars(instrument, BarInterval.ONE_SECOND, 0, 0, 60);
            assertTrue(all.size() >= 2, "several 1 s bars: " + all.size());
            final long second = all.get(1).startNs();
            assertEquals(bars(sql.bars(instrument, BarInterval.ONE_SECOND, second, 0, 60)),
                bars(reads.bars(instrument, BarInterval.ONE_SECOND, second, 0, 60)));
            assertEquals(sql.instrumentTrades(instrument, 50), reads.tape(instrument, 50));
        }
    }

    /** BigDecimals compared by value, not scale (the store may give 12.50 for 12.5). */
    private static List<String> positions(final List<PositionRow> rows)
    {
        return rows.stream().map(p -> new PositionRow(p.accountId(), p.instrumentId(), p.quantity(),
            strip(p.openCost()), strip(p.realizedPnl()), p.boughtQuantity(), p.soldQuantity()).toString()).toList();
    }

    private static List<String> bars(final List<BarRow> rows)
    {
        return rows.stream().map(b -> new BarRow(b.instrumentId(), b.interval(), b.startNs(), b.open(), b.high(),
            b.low(), b.close(), b.volume(), strip(b.notional()), b.tradeCount()).toString()).toList();
    }

    private static BigDecimal strip(final BigDecimal v)
    {
        return v.signum() == 0 ? BigDecimal.ZERO : v.stripTrailingZeros();
    }
}
