package dev.hotpath.cluster;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The leader's memory of its last answers: {@link RecentAnswers}. */
class RecentAnswersTest
{
    /** An answer of {@code frames} commands from {@code first}, {@code length} bytes, each byte its number. */
    private static UnsafeBuffer answer(final long first, final int length)
    {
        final UnsafeBuffer b = new UnsafeBuffer(new byte[length]);
        b.putLong(0, first);
        for (int i = 8; i < length; i++)
        {
            b.putByte(i, (byte)first);
        }
        return b;
    }

    private static List<Long> firstsAfter(final RecentAnswers recent, final long after)
    {
        final List<Long> firsts = new ArrayList<>();
        recent.forEachAfter(after, (buffer, offset, length) ->
        {
            final long first = buffer.getLong(offset);
            for (int i = 8; i < length; i++)
            {
                assertEquals((byte)first, buffer.getByte(offset + i), "answer " + first + " intact");
            }
            firsts.add(first);
        });
        return firsts;
    }

    @Test
    void holdsTheLastAnswersInOrderAndServesThoseAfterASequence()
    {
        final RecentAnswers recent = new RecentAnswers(1024, 0);
        for (long seq = 1; seq <= 5; seq++)
        {
            recent.add(seq, seq, answer(seq, 40), 40);
        }
        assertEquals(1, recent.heldFrom());
        assertEquals(List.of(3L, 4L, 5L), firstsAfter(recent, 2));
        assertEquals(List.of(), firstsAfter(recent, 5));
    }

    @Test
    void theOldestMakeRoomAcrossTheEndOfTheRingAndHeldFromFollows()
    {
        final RecentAnswers recent = new RecentAnswers(1000, 100); // 1000: not a multiple of the entries' size
        for (long seq = 101; seq <= 10_000; seq++)
        {
            final int length = 30 + (int)(seq % 70); // sizes that wrap at every offset
            recent.add(seq, seq, answer(seq, length), length);
            final List<Long> held = firstsAfter(recent, 0);
            assertEquals(seq, held.get(held.size() - 1), "the newest is held");
            assertEquals(recent.heldFrom(), held.get(0), "held from the oldest kept");
            for (int i = 1; i < held.size(); i++)
            {
                assertEquals(held.get(i - 1) + 1, held.get(i), "in the log's order, none missing");
            }
        }
        assertTrue(recent.heldFrom() > 9_900, "only the last few fit: " + recent.heldFrom());
    }

    @Test
    void anAnswerWithoutFramesThatCameAfterTheSequenceIsServedToo()
    {
        final RecentAnswers recent = new RecentAnswers(1024, 0);
        recent.add(1, 1, answer(1, 40), 40);
        recent.add(2, 1, answer(2, 24), 24); // no frame: first = the next sequence, last = first - 1
        recent.add(2, 2, answer(3, 40), 40);
        assertEquals(List.of(2L, 3L), firstsAfter(recent, 1));
    }

    @Test
    void anAnswerTooBigForTheRingEmptiesItAndIsNotHeld()
    {
        final RecentAnswers recent = new RecentAnswers(256, 0);
        recent.add(1, 1, answer(1, 40), 40);
        recent.add(2, 9, answer(2, 400), 400);
        assertEquals(0, recent.size());
        assertEquals(10, recent.heldFrom(), "a feed after command 9 or later can still be served");
    }
}
