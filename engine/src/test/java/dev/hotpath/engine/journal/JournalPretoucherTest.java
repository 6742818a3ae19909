package dev.hotpath.engine.journal;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The pretoucher runs on its own thread beside a writing appender: it touches pages ahead of it, never changes a
 * byte the appender wrote (every record reads back with its checksum), and lets go of the file when the writer
 * closes.
 */
class JournalPretoucherTest
{
    private static final int COMMANDS = 200_000;

    @TempDir
    Path dir;

    @Test
    @Timeout(60)
    void shouldTouchAheadOfAWritingAppenderWithoutChangingAByte()
    {
        final Path journal = dir.resolve("input");
        final JournalPretoucher pretoucher = new JournalPretoucher("input");
        final AgentRunner runner = new AgentRunner(new SleepingIdleStrategy(TimeUnit.MICROSECONDS.toNanos(50)),
            Throwable::printStackTrace, null, pretoucher);
        AgentRunner.startOnThread(runner);
        try
        {
            try (InputJournalWriter writer = new InputJournalWriter(journal, Durability.PROCESS_CRASH))
            {
                writer.pretouchWith(pretoucher);
                final Command command = new Command();
                for (int i = 1; i <= COMMANDS; i++)
                {
                    command.place(i, i, 1 + i % 5, 0, Side.BUY.code(), OrderType.LIMIT.code(), 100 + i, 1 + i % 9);
                    command.sequence = i;
                    writer.append(command);
                    if (i % 37 == 0)
                    {
                        writer.flush();
                    }
                }
                final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (pretoucher.pagesTouched() < COMMANDS * 60L / 4096 && System.nanoTime() - deadline < 0)
                {
                    Thread.onSpinWait();
                }
            } // close detaches the pretoucher first
            assertTrue(pretoucher.chunksAdvised() >= 1, "the chunk's mapping was advised to fault page by page");
            assertTrue(pretoucher.pagesTouched() >= COMMANDS * 60L / 4096,
                "pages touched: " + pretoucher.pagesTouched() + " while " + COMMANDS * 60 / 1024 + " KB were written");
        }
        finally
        {
            runner.close();
        }

        final Command command = new Command();
        try (InputJournalReader reader = new InputJournalReader(journal))
        {
            for (long expected = 1; expected <= COMMANDS; expected++)
            {
                assertTrue(reader.next(command), "command " + expected);
                assertEquals(expected, command.sequence);
                assertEquals(100 + expected, command.price);
                assertEquals(1 + expected % 9, command.quantity);
            }
            assertFalse(reader.next(command));
        }
    }
}
