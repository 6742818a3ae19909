package dev.hotpath.reporting.it;

import dev.hotpath.reporting.store.Database;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database underneath the exactly-once ingest, on its own: {@link H2CrashChild} commits writer-shaped
 * transactions and halts the hard way, again and again, on one H2 file opened through {@link Database}. After
 * every crash the file must hold whole transactions only: every row equal to the stored position, none missing.
 *
 * <p>This is the mechanism behind the {@code ReportingRestartIT} flake: with H2's default {@code WRITE_DELAY}
 * (a background writer) the same loop leaves, within a few dozen crashes, rows of an uncommitted transaction
 * visible and rows it deleted missing (measured: 6 bad files in 24 crashes). {@link Database} turns the delay
 * off; this test fails if that is undone.
 */
@Tag("slow") // kills a child JVM mid-write
class H2CrashConsistencyIT
{
    private static final int CRASHES = Integer.getInteger("h2crash.crashes", 20);

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldHoldWholeTransactionsOnlyAfterEveryCrash() throws Exception
    {
        final long seed = Long.getLong("h2crash.seed", System.nanoTime());
        System.out.println("H2CrashConsistencyIT seed " + seed);
        final SplittableRandom random = new SplittableRandom(seed);
        // -Dh2crash.urlSuffix=;WRITE_DELAY=500 shows the failure the default write delay leads to.
        final Database db = new Database("jdbc:h2:file:" + dir.resolve("db/crash").toAbsolutePath() +
            System.getProperty("h2crash.urlSuffix", ""), "sa", "");
        long before = 0;
        for (int crash = 1; crash <= CRASHES; crash++)
        {
            final long haltAfterMs = 300 + random.nextInt(900);
            try (ChildJvm child = new ChildJvm("h2crash", H2CrashChild.class,
                List.of(db.url(), Long.toString(haltAfterMs)), line ->
                {
                }))
            {
                assertTrue(child.process().waitFor(60, TimeUnit.SECONDS), "child halts: " + child.output());
                assertEquals(9, child.process().exitValue(), "halted, not failed: " + child.output());
            }
            final long n = H2CrashChild.position(db);
            final TreeMap<Long, Long> rows = new TreeMap<>();
            try (Connection c = db.connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT id, v FROM crash_rows"))
            {
                while (rs.next())
                {
                    rows.put(rs.getLong(1), rs.getLong(2));
                }
            }
            final TreeMap<Long, Long> expected = new TreeMap<>();
            for (long id = 1; n > 0 && id <= H2CrashChild.ACCOUNTS; id++)
            {
                expected.put(id, n);
            }
            assertEquals(expected, rows, "crash " + crash + " (halt after " + haltAfterMs + " ms): rows at " + n);
            assertTrue(n >= before, "the position went back from " + before + " to " + n);
            before = n;
        }
        assertTrue(before > 0, "the child committed");
    }
}
