package dev.hotpath.reporting.ingest;

import dev.hotpath.reporting.store.Database;

import java.nio.file.Path;

/** {@link ReportingIngestTest}'s hand-checked flow on H2, the store that is not the default. */
class ReportingIngestH2Test extends ReportingIngestTest
{
    @Override
    Database store(final Path file)
    {
        return Database.h2File(file);
    }
}
