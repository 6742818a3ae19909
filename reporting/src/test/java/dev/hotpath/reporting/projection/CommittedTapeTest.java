package dev.hotpath.reporting.projection;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The in-memory tape: newest first, per instrument, the oldest dropped past its capacity, short tapes refused. */
class CommittedTapeTest
{
    @Test
    void shouldServeEachInstrumentsNewestTradesNewestFirst()
    {
        final CommittedTape tape = new CommittedTape(3);
        tape.publish(List.of(trade(1, 0), trade(2, 1), trade(3, 0)));
        assertEquals(List.of(3L, 1L), ids(tape.latest(0, 2)));
        assertNull(tape.latest(0, 3), "two held, three asked: the database must answer");
        assertEquals(List.of(2L), ids(tape.latest(1, 1)));
        assertNull(tape.latest(7, 1), "an instrument that never traded");

        tape.publish(List.of(trade(4, 0), trade(5, 0), trade(6, 0)));
        assertEquals(List.of(6L, 5L, 4L), ids(tape.latest(0, 3)), "capacity 3: the oldest went");
        assertNull(tape.latest(0, 4));
        assertEquals(List.of(2L), ids(tape.latest(1, 1)), "instrument 1 untouched by the second batch");

        tape.publish(LongStream.rangeClosed(7, 12).mapToObj(id -> trade(id, 0)).toList());
        assertEquals(List.of(12L, 11L, 10L), ids(tape.latest(0, 3)), "a batch larger than the capacity");
        tape.publish(List.of());
        assertEquals(List.of(12L), ids(tape.latest(0, 1)));
    }

    private static List<Long> ids(final List<TradeRow> trades)
    {
        return trades.stream().map(TradeRow::tradeId).toList();
    }

    private static TradeRow trade(final long id, final int instrument)
    {
        return new TradeRow(id, id, id, instrument, 1, 1, 2, 2, true, 100, 1);
    }
}
