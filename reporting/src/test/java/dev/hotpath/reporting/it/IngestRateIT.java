package dev.hotpath.reporting.it;

import dev.hotpath.reporting.ingest.BatchListener;
import dev.hotpath.reporting.ingest.ReportingIngest;
import dev.hotpath.reporting.store.Database;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Measures how fast a journal already written is ingested into H2 from scratch, and prints it: a measurement,
 * not a pass/fail on time. {@code -Dingest.commands=N} sets the size of the flow (default 100,000 commands).
 */
@Tag("slow") // an engine child JVM, a million commands
class IngestRateIT
{
    @TempDir
    Path dir;

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void shouldReportTheIngestRate() throws Exception
    {
        final int commands = Integer.getInteger("ingest.commands", 100_000);
        final Path engineDir = dir.resolve("engine");
        EngineChild.main(new String[] {engineDir.toString(), "42", Integer.toString(commands), "100000000"});

        final JournalFacts facts = JournalFacts.read(engineDir.resolve("events"));
        final Database db = Database.file(dir.resolve("db/reporting"));
        final long startNs = System.nanoTime();
        final long events;
        try (ReportingIngest ingest = new ReportingIngest(engineDir.resolve("events"), db, BatchListener.NONE).start())
        {
            await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofMillis(20))
                .failFast(() -> ingest.failure() != null)
                .until(() -> ingest.committedSequence() == facts.lastSequence);
            events = ingest.committedEvents();
        }
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        System.out.printf("INGEST RATE: %d commands, %d events (%d trades) in %.2f s = %.0f events/s, %.0f frames/s%n",
            facts.lastSequence, events, facts.trades, seconds, events / seconds, facts.lastSequence / seconds);
        assertTrue(events >= facts.lastSequence, "every frame has at least one event");
    }
}
