package dev.hotpath.engine.support;

import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.matching.MatchingEngine;

/**
 * One call of a {@link MatchingEngine}'s commands as a value, so that a generated order flow can be recorded,
 * replayed against several engines, shrunk, and printed as Java code for a regression test.
 *
 * <p>Immutable; any thread. {@link #applyTo} must run on the thread that owns the engine.
 */
public sealed interface EngineCommand
{
    /**
     * Runs the command.
     *
     * @param engine the engine.
     * @param sink   receives the events.
     */
    void applyTo(MatchingEngine engine, EventSink sink);

    /** @return the order id the command names, or {@code 0} for an account command. */
    long orderId();

    /**
     * {@link MatchingEngine#place}.
     *
     * @param orderId      order id.
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param sideCode     side code.
     * @param typeCode     order type code.
     * @param price        limit price.
     * @param quantity     quantity.
     */
    record Place(
        long orderId, long accountId, int instrumentId, byte sideCode, byte typeCode, long price, long quantity)
        implements EngineCommand
    {
        @Override
        public void applyTo(final MatchingEngine engine, final EventSink sink)
        {
            engine.place(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity, sink);
        }

        @Override
        public String toString()
        {
            return "engine.place(" + literal(orderId) + ", " + literal(accountId) + ", " + instrumentId + ", " +
                literal(sideCode) + ", " + literal(typeCode) + ", " + literal(price) + ", " + literal(quantity) +
                ", sink);";
        }
    }

    /**
     * {@link MatchingEngine#place(long, long, int, byte, byte, long, long, long, long, long, EventSink)}: a new
     * order with a stop price, an expiry or a display quantity.
     *
     * @param orderId      order id.
     * @param accountId    account.
     * @param instrumentId instrument.
     * @param sideCode     side code.
     * @param typeCode     order type code.
     * @param price        limit price.
     * @param quantity     quantity.
     * @param stopPrice    stop price.
     * @param expiresAtNs  expiry.
     * @param displayQuantity an iceberg's display quantity.
     */
    record PlaceFull(
        long orderId, long accountId, int instrumentId, byte sideCode, byte typeCode, long price, long quantity,
        long stopPrice, long expiresAtNs, long displayQuantity) implements EngineCommand
    {
        @Override
        public void applyTo(final MatchingEngine engine, final EventSink sink)
        {
            engine.place(orderId, accountId, instrumentId, sideCode, typeCode, price, quantity, stopPrice, expiresAtNs,
                displayQuantity, sink);
        }

        @Override
        public String toString()
        {
            return "engine.place(" + literal(orderId) + ", " + literal(accountId) + ", " + instrumentId + ", " +
                literal(sideCode) + ", " + literal(typeCode) + ", " + literal(price) + ", " + literal(quantity) +
                ", " + literal(stopPrice) + ", " + literal(expiresAtNs) + ", " + literal(displayQuantity) + ", sink);";
        }
    }

    /**
     * {@link MatchingEngine#advanceTime}.
     *
     * @param timeNs the new time.
     */
    record AdvanceTime(long timeNs) implements EngineCommand
    {
        @Override
        public void applyTo(final MatchingEngine engine, final EventSink sink)
        {
            engine.advanceTime(timeNs, sink);
        }

        @Override
        public long orderId()
        {
            return 0;
        }

        @Override
        public String toString()
        {
            return "engine.advanceTime(" + literal(timeNs) + ", sink);";
        }
    }

    /**
     * {@link MatchingEngine#cancel}.
     *
     * @param orderId   order id.
     * @param accountId account.
     */
    record Cancel(long orderId, long accountId) implements EngineCommand
    {
        @Override
        public void applyTo(final MatchingEngine engine, final EventSink sink)
        {
            engine.cancel(orderId, accountId, sink);
        }

        @Override
        public String toString()
        {
            return "engine.cancel(" + literal(orderId) + ", " + literal(accountId) + ", sink);";
        }
    }

    /**
     * {@link MatchingEngine#amend}.
     *
     * @param orderId     order id.
     * @param accountId   account.
     * @param newPrice    new price.
     * @param newQuantity new open quantity.
     */
    record Amend(long orderId, long accountId, long newPrice, long newQuantity) implements EngineCommand
    {
        @Override
        public void applyTo(final MatchingEngine engine, final EventSink sink)
        {
            engine.amend(orderId, accountId, newPrice, newQuantity, sink);
        }

        @Override
        public String toString()
        {
            return "engine.amend(" + literal(orderId) + ", " + literal(accountId) + ", " + literal(newPrice) + ", " +
                literal(newQuantity) + ", sink);";
        }
    }

    /**
     * {@link MatchingEngine#cancelAll}.
     *
     * @param accountId account.
     */
    record CancelAll(long accountId) implements EngineCommand
    {
        @Override
        public void applyTo(final MatchingEngine engine, final EventSink sink)
        {
            engine.cancelAll(accountId, sink);
        }

        @Override
        public long orderId()
        {
            return 0;
        }

        @Override
        public String toString()
        {
            return "engine.cancelAll(" + literal(accountId) + ", sink);";
        }
    }

    /**
     * {@link MatchingEngine#massCancel}.
     *
     * @param accountId    account.
     * @param instrumentId instrument, or all.
     * @param sideCode     side code, or both.
     */
    record MassCancel(long accountId, int instrumentId, byte sideCode) implements EngineCommand
    {
        @Override
        public void applyTo(final MatchingEngine engine, final EventSink sink)
        {
            engine.massCancel(accountId, instrumentId, sideCode, sink);
        }

        @Override
        public long orderId()
        {
            return 0;
        }

        @Override
        public String toString()
        {
            return "engine.massCancel(" + literal(accountId) + ", " + instrumentId + ", (byte)" + sideCode +
                ", sink);";
        }
    }

    /**
     * @param value a long.
     * @return it as a Java literal.
     */
    static String literal(final long value)
    {
        if (value == Long.MIN_VALUE)
        {
            return "Long.MIN_VALUE";
        }
        if (value == Long.MAX_VALUE)
        {
            return "Long.MAX_VALUE";
        }
        return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? Long.toString(value) : value + "L";
    }

    /**
     * @param code a side or type code.
     * @return it as a Java expression of type byte.
     */
    static String literal(final byte code)
    {
        return code >= 'A' && code <= 'z' && Character.isLetter(code) ? "(byte)'" + (char)code + "'" : "(byte)" + code;
    }
}
