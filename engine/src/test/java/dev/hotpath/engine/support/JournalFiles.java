package dev.hotpath.engine.support;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Finding bytes to damage in a journal's files, for the corruption and recovery tests. */
public final class JournalFiles
{
    private JournalFiles()
    {
    }

    /**
     * @param journal a journal directory that holds one cycle file.
     * @return that {@code .cq4} file.
     * @throws IOException when the directory cannot be listed.
     */
    public static Path onlyQueueFile(final Path journal) throws IOException
    {
        try (Stream<Path> files = Files.list(journal))
        {
            final List<Path> queueFiles = files.filter(p -> p.toString().endsWith(".cq4")).toList();
            assertEquals(1, queueFiles.size());
            return queueFiles.get(0);
        }
    }

    /**
     * @param bytes a file's content.
     * @param value a long to look for, little-endian as the journals write it.
     * @return the offset of its first occurrence, or -1.
     */
    public static int indexOf(final byte[] bytes, final long value)
    {
        final byte[] pattern = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(value).array();
        outer:
        for (int i = 0; i <= bytes.length - 8; i++)
        {
            for (int j = 0; j < 8; j++)
            {
                if (bytes[i + j] != pattern[j])
                {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
