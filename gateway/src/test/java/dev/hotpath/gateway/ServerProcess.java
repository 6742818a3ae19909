package dev.hotpath.gateway;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A child JVM running {@code ServerMain} (the classes and the runtime classpath the package phase copied to
 * {@code target/lib}), its output in a file, its gRPC port read from the line it prints once it serves.
 *
 * @param process the child.
 * @param port    its gRPC port (0 when it never served).
 * @param log     its output.
 */
record ServerProcess(Process process, int port, Path log)
{
    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");

    /**
     * Writes a config for one account on BTC-USD.
     *
     * @param file       where.
     * @param journalDir the journal directory.
     * @param key        alice's key.
     * @param extra      more YAML lines.
     * @return the file.
     * @throws IOException when it cannot be written.
     */
    static Path writeConfig(final Path file, final Path journalDir, final String key, final String... extra)
        throws IOException
    {
        final List<String> lines = new ArrayList<>(List.of(
            "host: 127.0.0.1",
            "port: 0",
            "metricsPort: -1",
            "journalDir: " + journalDir,
            "ringSize: 1024",
            "waitStrategy: BLOCKING",
            "shutdownMs: 10000",
            "rateLimit: {perSecond: 1000000, burst: 1000000}"));
        lines.addAll(List.of(extra));
        lines.addAll(List.of(
            "instruments:",
            "  - {id: 0, symbol: BTC-USD, tickSize: 1, lotSize: 1, priceScale: 2, quantityScale: 4}",
            "accounts:",
            "  - {id: 1, name: alice, key: " + key + "}",
            "  - {id: 2, name: bob, key: " + key + "-bob}",
            ""));
        Files.writeString(file, String.join("\n", lines), StandardCharsets.UTF_8);
        return file;
    }

    /**
     * Starts a server and waits until it serves.
     *
     * @param config its config file.
     * @param log    where its output goes.
     * @return the running server.
     * @throws IOException          when it cannot be started.
     * @throws InterruptedException when interrupted.
     */
    static ServerProcess start(final Path config, final Path log) throws IOException, InterruptedException
    {
        final Process process = launch(config, log);
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true)
        {
            final Matcher m = LISTENING.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (m.find())
            {
                return new ServerProcess(process, Integer.parseInt(m.group(1)), log);
            }
            if (!process.isAlive() || deadlineNs - System.nanoTime() < 0)
            {
                process.destroyForcibly();
                throw new AssertionError("server did not start; see " + log + ":\n" + Files.readString(log));
            }
            Thread.sleep(20); // another process: nothing to wait on but its output
        }
    }

    /**
     * Runs a server that is expected to refuse to start, and waits for it to exit.
     *
     * @param config its config file.
     * @param log    where its output goes.
     * @return the exited server (port 0).
     * @throws IOException          when it cannot be started.
     * @throws InterruptedException when interrupted.
     */
    static ServerProcess runToExit(final Path config, final Path log) throws IOException, InterruptedException
    {
        final Process process = launch(config, log);
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new AssertionError("server still running after 60 s; see " + log);
        }
        return new ServerProcess(process, 0, log);
    }

    /**
     * @return the output so far.
     * @throws IOException when it cannot be read.
     */
    String output() throws IOException
    {
        return Files.readString(log);
    }

    private static Process launch(final Path config, final Path log) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // the flags this JVM was given (Chronicle Queue's --add-opens/--add-exports and -D switches)
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle."))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx1g"); // 512m ran out in the full-disk IT: 313k open orders and a snapshot encoded in memory at stop
        command.add("-cp");
        final Path target = Path.of("target").toAbsolutePath();
        command.add(target.resolve("classes") + File.pathSeparator + target.resolve("lib") + File.separator + "*");
        command.add("dev.hotpath.gateway.ServerMain");
        command.add("--config");
        command.add(config.toString());
        Files.createDirectories(log.getParent());
        Files.deleteIfExists(log);
        // output to a file, not a pipe: nothing in the test waits on a pipe some other process might hold open
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }
}
