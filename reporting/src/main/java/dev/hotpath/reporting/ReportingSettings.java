package dev.hotpath.reporting;

import dev.hotpath.reporting.store.Database;

import java.nio.file.Path;

/**
 * How a reporting process is set up.
 *
 * <p>Immutable; any thread.
 *
 * @param eventJournal the engine's event journal directory.
 * @param database     the reporting database.
 * @param bind         address the servers listen on.
 * @param httpPort     dashboard port (0: any free, -1: off).
 * @param grpcPort     gRPC port (0: any free, -1: off).
 * @param accountsFile API keys ({@code null}: no account can call the account-scoped APIs).
 * @param reportsDir   where load-generator reports are.
 * @param batchFrames  most journal frames per transaction.
 * @param progress     print each committed batch's sequence on standard output.
 */
public record ReportingSettings(
    Path eventJournal,
    Database database,
    String bind,
    int httpPort,
    int grpcPort,
    Path accountsFile,
    Path reportsDir,
    int batchFrames,
    boolean progress)
{
}
