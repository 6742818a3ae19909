package dev.hotpath.reporting.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A child JVM started with this JVM's java, class path and Chronicle flags, whose standard output lines are
 * handed to a consumer on a reader thread.
 */
final class ChildJvm implements AutoCloseable
{
    private final Process process;
    private final Thread reader;
    private final List<String> lines = new CopyOnWriteArrayList<>();

    ChildJvm(final String name, final Class<?> mainClass, final List<String> args, final Consumer<String> onLine)
        throws IOException
    {
        this(name, mainClass, List.of(), args, onLine);
    }

    /**
     * @param jvmFlags flags after the default ones ({@code -Xmx2g} overrides the default heap).
     */
    ChildJvm(final String name, final Class<?> mainClass, final List<String> jvmFlags, final List<String> args,
        final Consumer<String> onLine) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-") || arg.startsWith("-Dchronicle") || arg.startsWith("-Djdk.attach"))
            {
                command.add(arg);
            }
        }
        command.add("-Xmx512m");
        command.addAll(jvmFlags);
        final String extra = System.getProperty("child." + name + ".jvmFlags", "");
        for (final String flag : extra.trim().split("\\s+"))
        {
            if (!flag.isEmpty())
            {
                command.add(flag); // -Dchild.<name>.jvmFlags="-Xlog:gc -XX:StartFlightRecording=..." for one child
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass.getName());
        command.addAll(args);
        process = new ProcessBuilder(command).redirectErrorStream(true).start();
        reader = new Thread(() ->
        {
            try (BufferedReader in =
                new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while ((line = in.readLine()) != null)
                {
                    lines.add(line);
                    onLine.accept(line);
                }
            }
            catch (final IOException ex)
            {
                // the child was killed mid-line: what came before counts
            }
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    /** Sends SIGKILL and waits for the child to be gone. */
    void killHard() throws Exception
    {
        new ProcessBuilder("kill", "-9", Long.toString(process.pid())).start().waitFor();
        if (!process.waitFor(30, TimeUnit.SECONDS))
        {
            throw new IllegalStateException("child survived kill -9");
        }
        reader.join(10_000);
    }

    /**
     * Sends SIGTERM (shutdown hooks run) and waits.
     *
     * @return the exit code.
     */
    int stopGracefully() throws Exception
    {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS))
        {
            process.destroyForcibly();
            throw new IllegalStateException("child did not stop on SIGTERM; output: " + lines);
        }
        reader.join(10_000);
        return process.exitValue();
    }

    /** @return the child's output so far (for failure messages). */
    List<String> output()
    {
        return lines;
    }

    Process process()
    {
        return process;
    }

    @Override
    public void close()
    {
        process.destroyForcibly();
    }
}
