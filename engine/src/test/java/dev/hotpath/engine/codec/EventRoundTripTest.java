package dev.hotpath.engine.codec;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.support.Event;
import dev.hotpath.engine.support.RecordingEventSink;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every event type goes through {@link EventEncoder} and {@link EventDecoder} unchanged: at the extremes of each
 * field's type (the encoding is plain two's complement, so every long and int is allowed), with every value of
 * every enum, with a distinct value in each field (so that two fields sharing bytes would show), and at an odd
 * offset in the buffer. The event lengths are pinned: they are the event journal's format.
 */
class EventRoundTripTest
{
    /** The values each kind of field takes in one run: ids, prices and quantities are longs; counts are ints. */
    record Extremes(long id, long price, long quantity, int instrument, int count)
    {
    }

    static Stream<Extremes> extremes()
    {
        return Stream.of(
            new Extremes(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE),
            new Extremes(Long.MIN_VALUE, Long.MIN_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE),
            new Extremes(-1, -1, -1, -1, -1),
            new Extremes(0, 0, 0, 0, 0),
            new Extremes(Long.MAX_VALUE, Long.MIN_VALUE, 1, Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @MethodSource("extremes")
    void everyEventTypeWithEveryEnumValueDecodesToWhatWasEncoded(final Extremes x)
    {
        final List<Event> events = new ArrayList<>();
        for (final Side side : Side.values())
        {
            for (final OrderType type : OrderType.values())
            {
                events.add(new Event.Accepted(x.id(), x.id(), x.instrument(), side, type, x.price(), x.quantity()));
            }
            events.add(new Event.Amended(x.id(), x.id(), x.instrument(), side, x.price(), x.quantity()));
            events.add(new Event.Trade(x.id(), x.instrument(), x.id(), x.id(), x.id(), x.id(), side, x.price(),
                x.quantity()));
            for (final DoneReason reason : DoneReason.values())
            {
                events.add(new Event.OrderDone(x.id(), x.id(), x.instrument(), side, reason, x.quantity()));
            }
            events.add(new Event.LevelChanged(x.instrument(), side, x.price(), x.quantity(), x.count()));
            events.add(new Event.Triggered(x.id(), x.id(), x.instrument(), side));
        }
        for (final RejectReason reason : RejectReason.values())
        {
            events.add(new Event.Rejected(x.id(), x.id(), x.instrument(), reason));
        }
        events.add(new Event.LimitsSet(x.id(), x.quantity(), x.price(), x.count(), x.quantity()));

        assertEquals(allEventTypes(), events.stream().map(Object::getClass).collect(Collectors.toSet()),
            "the test covers every event type");
        assertEquals(events, roundTrip(events, 0));
    }

    @Test
    void eachFieldHasBytesOfItsOwn()
    {
        // a different bit pattern in every field of every event: a field written over another's bytes would show
        final List<Event> events = List.of(
            new Event.Accepted(0x0101010101010101L, 0x0202020202020202L, 0x03030303, Side.SELL, OrderType.STOP_LIMIT,
                0x0404040404040404L, 0x0505050505050505L),
            new Event.Rejected(0x0606060606060606L, 0x0707070707070707L, 0x08080808, RejectReason.RISK_POSITION_LIMIT),
            new Event.Amended(0x0909090909090909L, 0x0A0A0A0A0A0A0A0AL, 0x0B0B0B0B, Side.BUY, 0x0C0C0C0C0C0C0C0CL,
                0x0D0D0D0D0D0D0D0DL),
            new Event.Trade(0x0E0E0E0E0E0E0E0EL, 0x0F0F0F0F, 0x1010101010101010L, 0x1111111111111111L,
                0x1212121212121212L, 0x1313131313131313L, Side.SELL, 0x1414141414141414L, 0x1515151515151515L),
            new Event.OrderDone(0x1616161616161616L, 0x1717171717171717L, 0x18181818, Side.BUY,
                DoneReason.SELF_TRADE_PREVENTED, 0x1919191919191919L),
            new Event.LevelChanged(0x1A1A1A1A, Side.SELL, 0x1B1B1B1B1B1B1B1BL, 0x1C1C1C1C1C1C1C1CL, 0x1D1D1D1D),
            new Event.Triggered(0x1E1E1E1E1E1E1E1EL, 0x1F1F1F1F1F1F1F1FL, 0x20202020, Side.BUY),
            new Event.LimitsSet(0x2121212121212121L, 0x2222222222222222L, 0x2323232323232323L, 0x24242424,
                0x2525252525252525L));

        assertEquals(allEventTypes(), events.stream().map(Object::getClass).collect(Collectors.toSet()));
        assertEquals(events, roundTrip(events, 0));
        assertEquals(events, roundTrip(events, 3), "from an odd offset of the buffer");
    }

    @Test
    void eventLengthsAreTheJournalFormat()
    {
        assertEquals(List.of(39, 23, 38, 62, 31, 26, 37, 22), List.of(EventLayout.ACCEPTED_LENGTH,
            EventLayout.REJECTED_LENGTH, EventLayout.AMENDED_LENGTH, EventLayout.TRADE_LENGTH,
            EventLayout.ORDER_DONE_LENGTH, EventLayout.LEVEL_CHANGED_LENGTH, EventLayout.LIMITS_SET_LENGTH,
            EventLayout.TRIGGERED_LENGTH), "changing an event's length changes the event journal's format");
        final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(64);
        final EventEncoder encoder = new EventEncoder().wrap(buffer);
        encoder.onTrade(1, 2, 3, 4, 5, 6, Side.BUY, 7, 8);
        assertEquals(EventLayout.TRADE_LENGTH, encoder.length());
        assertEquals(EventLayout.TRADE, buffer.getByte(EventLayout.TYPE_OFFSET));
        assertEquals(7, buffer.getLong(EventLayout.TRADE_PRICE_OFFSET, java.nio.ByteOrder.LITTLE_ENDIAN));
    }

    /** Encodes the events into a buffer starting at {@code offset}, then decodes them from there. */
    private static List<Event> roundTrip(final List<Event> events, final int offset)
    {
        final byte[] array = new byte[1 << 14];
        final UnsafeBuffer region = new UnsafeBuffer(array, offset, array.length - offset);
        final EventEncoder encoder = new EventEncoder().wrap(region);
        events.forEach(event -> send(event, encoder));
        final RecordingEventSink decoded = new RecordingEventSink();
        assertEquals(events.size(), EventDecoder.decode(region, 0, encoder.length(), decoded));
        return decoded.events();
    }

    private static Set<Class<?>> allEventTypes()
    {
        return Arrays.stream(Event.class.getPermittedSubclasses()).collect(Collectors.toSet());
    }

    private static void send(final Event event, final EventSink sink)
    {
        switch (event)
        {
            case Event.Accepted e -> sink.onAccepted(e.orderId(), e.accountId(), e.instrumentId(), e.side(), e.type(),
                e.price(), e.quantity());
            case Event.Rejected e -> sink.onRejected(e.orderId(), e.accountId(), e.instrumentId(), e.reason());
            case Event.Amended e ->
                sink.onAmended(e.orderId(), e.accountId(), e.instrumentId(), e.side(), e.price(), e.quantity());
            case Event.Trade e -> sink.onTrade(e.tradeId(), e.instrumentId(), e.makerOrderId(), e.makerAccountId(),
                e.takerOrderId(), e.takerAccountId(), e.aggressor(), e.price(), e.quantity());
            case Event.OrderDone e -> sink.onOrderDone(e.orderId(), e.accountId(), e.instrumentId(), e.side(),
                e.reason(), e.remainingQuantity());
            case Event.LevelChanged e ->
                sink.onLevelChanged(e.instrumentId(), e.side(), e.price(), e.totalQuantity(), e.orderCount());
            case Event.Triggered e -> sink.onTriggered(e.orderId(), e.accountId(), e.instrumentId(), e.side());
            case Event.LimitsSet e -> sink.onLimitsSet(e.accountId(), e.maxOrderQuantity(), e.maxOrderNotional(),
                e.maxOpenOrders(), e.maxPosition());
        }
    }
}
