package dev.hotpath.reporting.ingest;

import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.BookLevelRow;
import dev.hotpath.reporting.projection.OrderStatsRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.TradeRow;
import dev.hotpath.reporting.store.Database;
import dev.hotpath.reporting.store.ReportingQueries;
import dev.hotpath.reporting.testing.Scenario;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.hotpath.reporting.testing.Scenario.T0;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs {@link Scenario} through a real engine, ingests its event journal, and checks every projection against
 * values worked out by hand from the matching rules, on the default store ({@link ReportingIngestH2Test}: the same
 * on H2).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class ReportingIngestTest
{
    @TempDir
    static Path engineDir;

    @TempDir
    Path dir;

    /** One engine run for the class: the journal is only read by the tests. */
    @BeforeAll
    static void runEngine() throws InterruptedException
    {
        Scenario.runEngine(engineDir);
    }

    /**
     * @param file the database file, without a suffix.
     * @return the store the tests run on.
     */
    Database store(final Path file)
    {
        return Database.file(file);
    }

    private ReportingQueries ingestScenario(final int maxBatchFrames) throws Exception
    {
        final Database db = store(dir.resolve("db/reporting"));
        Scenario.ingest(engineDir, db, maxBatchFrames);
        return new ReportingQueries(db);
    }

    @Test
    void shouldRecordTradesOfBothSides() throws Exception
    {
        final ReportingQueries q = ingestScenario(4096);
        final List<TradeRow> tape = q.instrumentTrades(0, 100);
        assertEquals(4, tape.size());
        assertEquals(new TradeRow(1, 3, T0 + 500_000_000L, 0, 1, 1, 3, 2, true, 100, 10), tape.get(3));
        assertEquals(new TradeRow(2, 3, T0 + 500_000_000L, 0, 2, 1, 3, 2, true, 101, 2), tape.get(2));
        assertEquals(new TradeRow(3, 8, T0 + 1_200_000_000L, 0, 6, 3, 7, 2, true, 99, 1), tape.get(1));
        assertEquals(new TradeRow(4, 8, T0 + 1_200_000_000L, 0, 2, 1, 7, 2, true, 102, 1), tape.get(0));

        assertEquals(List.of(4L, 2L, 1L), q.accountTrades(1, -1, 0, 0, 100).stream().map(TradeRow::tradeId).toList());
        assertEquals(List.of(3L), q.accountTrades(3, 0, 0, 0, 100).stream().map(TradeRow::tradeId).toList());
        assertEquals(List.of(2L, 1L), q.accountTrades(2, 0, T0, T0 + 1_000_000_000L, 100).stream()
            .map(TradeRow::tradeId).toList());
        assertEquals(List.of(4L), q.accountTrades(2, -1, 0, 0, 1).stream().map(TradeRow::tradeId).toList());
        assertTrue(q.accountTrades(2, 1, 0, 0, 100).isEmpty());
    }

    @Test
    void shouldKeepPositionsAndPnlByAverageCost() throws Exception
    {
        final ReportingQueries q = ingestScenario(4096);
        assertEquals(102L, q.lastPrices().get(0));
        assertPosition(q.positions(1).get(0), -13, "-1304", "0", "-22");
        assertPosition(q.positions(2).get(0), 14, "1403", "0", "25");
        assertPosition(q.positions(3).get(0), -1, "-99", "0", "-3");
    }

    private static void assertPosition(final PositionRow row, final long quantity, final String openCost,
        final String realized, final String unrealizedAt102)
    {
        assertEquals(quantity, row.quantity(), row.toString());
        assertEquals(0, new BigDecimal(openCost).compareTo(row.openCost()), row.toString());
        assertEquals(0, new BigDecimal(realized).compareTo(row.realizedPnl()), row.toString());
        assertEquals(0, new BigDecimal(unrealizedAt102).compareTo(row.unrealizedPnl(102)), row.toString());
    }

    @Test
    void shouldBuildOneSecondAndOneMinuteBars() throws Exception
    {
        final ReportingQueries q = ingestScenario(4096);
        final List<BarRow> seconds = q.bars(0, BarInterval.ONE_SECOND, 0, 0, 10);
        assertEquals(2, seconds.size());
        assertEquals(new BarRow(0, BarInterval.ONE_SECOND, T0, 100, 101, 100, 101, 12, new BigDecimal("1202"), 2),
            seconds.get(0));
        assertEquals(new BigDecimal("100.166667"), seconds.get(0).vwap());
        assertEquals(new BarRow(0, BarInterval.ONE_SECOND, T0 + 1_000_000_000L, 99, 102, 99, 102, 2,
            new BigDecimal("201"), 2), seconds.get(1));
        final List<BarRow> minutes = q.bars(0, BarInterval.ONE_MINUTE, 0, 0, 10);
        assertEquals(List.of(new BarRow(0, BarInterval.ONE_MINUTE, T0, 100, 102, 99, 102, 14, new BigDecimal("1403"),
            4)), minutes);
        assertEquals(new BigDecimal("100.214286"), minutes.get(0).vwap());
        assertEquals(new BigDecimal("100.214286"), q.instruments().get(0).vwap());
    }

    @Test
    void shouldCountOrdersByOutcome() throws Exception
    {
        final ReportingQueries q = ingestScenario(4096);
        assertEquals(new OrderStatsRow(1, 3, 3, 1, 0, 1, 1, 0, 0, 3, 0, Map.of()), q.orderStats(1));
        assertEquals(new OrderStatsRow(2, 3, 2, 0, 2, 2, 0, 0, 0, 4,
            0, Map.of("INVALID_PRICE", 1L, "UNKNOWN_ORDER", 1L)), q.orderStats(2));
        assertEquals(new OrderStatsRow(3, 3, 3, 0, 0, 1, 0, 0, 1, 1, 0, Map.of()), q.orderStats(3));
    }

    @Test
    void shouldBuildTheBookFromLevelChanges() throws Exception
    {
        final ReportingQueries q = ingestScenario(4096);
        assertEquals(List.of(new BookLevelRow(0, true, 95, 3, 1)), q.book(0, true, 10));
        assertEquals(List.of(new BookLevelRow(0, false, 105, 7, 1)), q.book(0, false, 10));
    }

    @Test
    void shouldServeTheCommittedBookFromMemoryWhileRunning() throws Exception
    {
        final Database db = store(dir.resolve("db/reporting"));
        try (ReportingIngest ingest = new ReportingIngest(engineDir.resolve("events"), db, BatchListener.NONE, 1, 2,
            Long.MAX_VALUE).start())
        {
            await().atMost(Duration.ofSeconds(30)).failFast(() -> ingest.failure() != null)
                .until(() -> ingest.committedSequence() == Scenario.COMMANDS);
            assertEquals(List.of(new BookLevelRow(0, true, 95, 3, 1)), ingest.book().levels(0, true, 10));
            assertEquals(List.of(new BookLevelRow(0, false, 105, 7, 1)), ingest.book().levels(0, false, 10));
            assertTrue(ingest.book().levels(0, true, 0).isEmpty(), "depth 0: no levels");
            assertTrue(new ReportingQueries(db).book(0, true, 10).isEmpty(), "no checkpoint stored before the stop");
        }
        assertEquals(List.of(new BookLevelRow(0, true, 95, 3, 1)), new ReportingQueries(db).book(0, true, 10),
            "the stop stores a checkpoint");
    }

    @Test
    void shouldRecoverTheBookOnStartByReplayingLevelChangesAfterTheCheckpoint() throws Exception
    {
        final ReportingQueries q = ingestScenario(1);
        final Database db = store(dir.resolve("db/reporting"));
        try (Connection c = db.connect(); Statement s = c.createStatement())
        {
            // as if no checkpoint had been stored (a kill -9 before the first): the whole book must come back
            s.executeUpdate("DELETE FROM book_levels");
            s.executeUpdate("UPDATE book_position SET chronicle_index = -1, sequence = 0 WHERE id = 1");
        }
        try (ReportingIngest ingest = new ReportingIngest(engineDir.resolve("events"), db, BatchListener.NONE).start())
        {
            assertTrue(ingest.awaitStarted(30, TimeUnit.SECONDS), "started");
            assertEquals(List.of(new BookLevelRow(0, true, 95, 3, 1)), ingest.book().levels(0, true, 10));
            assertEquals(List.of(new BookLevelRow(0, false, 105, 7, 1)), ingest.book().levels(0, false, 10));
            assertEquals(Scenario.COMMANDS, ingest.committedSequence());
        }
        assertEquals(4, q.instrumentTrades(0, 100).size(), "the replay wrote no projection twice");
        assertEquals(3, q.orderStats(3).placed());
        assertEquals(List.of(new BookLevelRow(0, false, 105, 7, 1)), q.book(0, false, 10));
    }

    @Test
    void shouldGiveTheSameResultOneFramePerTransaction() throws Exception
    {
        final ReportingQueries q = ingestScenario(1);
        assertPosition(q.positions(2).get(0), 14, "1403", "0", "25");
        assertEquals(2, q.bars(0, BarInterval.ONE_SECOND, 0, 0, 10).size());
        assertEquals(3, q.orderStats(3).placed());
        assertEquals(new long[] {12}[0], q.ingestPosition()[1]);
    }
}
