package dev.hotpath.gateway;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * Everything this JVM logs while it is open: slf4j-simple's lines (it writes to whatever {@link System#err} is at
 * the time) and java.util.logging's records (gRPC's own logging, formatted with their stack traces). What it
 * captures still goes to the real standard error too.
 *
 * <p>Open and close on the test's thread; the loggers may write from any thread.
 */
final class LogCapture implements AutoCloseable
{
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final List<String> records = new ArrayList<>();
    private final Logger root = Logger.getLogger("");
    private final Handler handler = new Handler()
    {
        private final SimpleFormatter formatter = new SimpleFormatter();

        @Override
        public void publish(final LogRecord record)
        {
            synchronized (records)
            {
                records.add(formatter.format(record));
            }
        }

        @Override
        public void flush()
        {
            // nothing buffered
        }

        @Override
        public void close()
        {
            // nothing held
        }
    };

    LogCapture()
    {
        root.getHandlers(); // let java.util.logging bind its console handler to the real stderr first
        root.addHandler(handler);
        System.setErr(new PrintStream(new OutputStream()
        {
            @Override
            public void write(final int b)
            {
                synchronized (err)
                {
                    err.write(b);
                }
                originalErr.write(b);
            }

            @Override
            public void write(final byte[] b, final int off, final int len)
            {
                synchronized (err)
                {
                    err.write(b, off, len);
                }
                originalErr.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** @return the lines logged so far, standard error's first. */
    List<String> lines()
    {
        final List<String> lines = new ArrayList<>();
        synchronized (err)
        {
            err.toString(StandardCharsets.UTF_8).lines().forEach(lines::add);
        }
        synchronized (records)
        {
            records.forEach(r -> r.lines().forEach(lines::add));
        }
        return lines;
    }

    @Override
    public void close()
    {
        System.err.flush();
        System.setErr(originalErr);
        root.removeHandler(handler);
    }
}
