package dev.hotpath.reporting.ingest;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.pipeline.Engine;

/**
 * A small hand-checked order flow on instrument 0: partial fills across two levels, a reject, an amend that
 * moves an order, a self-trade prevention cancel, a market order sweeping two levels, a cancel, a cancel of an
 * unknown order, and two orders left resting. The expected projections are worked out in the test that uses it.
 */
final class Scenario
{
    /** Aligned to a minute, so the 1 s and 1 min bars start here. */
    static final long T0 = 1_700_000_040_000_000_000L;
    static final long COMMANDS = 12;

    private Scenario()
    {
    }

    static void run(final Engine engine)
    {
        final Command c = new Command();
        long corr = 0;
        engine.publish(c.place(T0, 1, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(), 100, 10), ++corr);
        engine.publish(c.place(T0 + 100_000_000L, 2, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(), 101, 5), ++corr);
        engine.publish(c.place(T0 + 500_000_000L, 3, 2, 0, Side.BUY.code(), OrderType.LIMIT.code(), 101, 12), ++corr);
        engine.publish(c.place(T0 + 600_000_000L, 4, 2, 0, Side.BUY.code(), OrderType.LIMIT.code(), 0, 5), ++corr);
        engine.publish(c.amend(T0 + 700_000_000L, 2, 1, 102, 3), ++corr);
        engine.publish(c.place(T0 + 800_000_000L, 5, 3, 0, Side.BUY.code(), OrderType.LIMIT.code(), 99, 4), ++corr);
        engine.publish(c.place(T0 + 900_000_000L, 6, 3, 0, Side.SELL.code(), OrderType.LIMIT.code(), 99, 1), ++corr);
        engine.publish(c.place(T0 + 1_200_000_000L, 7, 2, 0, Side.BUY.code(), OrderType.MARKET.code(), 0, 2), ++corr);
        engine.publish(c.cancel(T0 + 1_300_000_000L, 2, 1), ++corr);
        engine.publish(c.cancel(T0 + 1_400_000_000L, 999, 2), ++corr);
        engine.publish(c.place(T0 + 1_500_000_000L, 8, 1, 0, Side.SELL.code(), OrderType.LIMIT.code(), 105, 7), ++corr);
        engine.publish(c.place(T0 + 1_600_000_000L, 9, 3, 0, Side.BUY.code(), OrderType.LIMIT.code(), 95, 3), ++corr);
    }
}
