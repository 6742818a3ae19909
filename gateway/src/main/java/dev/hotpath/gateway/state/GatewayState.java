package dev.hotpath.gateway.state;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.gateway.GatewayConfig;
import dev.hotpath.gateway.auth.Accounts;
import dev.hotpath.gateway.mapping.Instruments;
import dev.hotpath.gateway.marketdata.BookView;
import dev.hotpath.gateway.out.Responder;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * What the gateway rebuilds from the event journal: its open orders (with their client order ids, also kept per
 * account), the market-data books and the accounts' risk state. The live gateway has one, kept by the
 * {@link Responder}; the {@link GatewaySnapshotter} has a copy of its own that it keeps from the journal and
 * writes to disk, so that a start reads a snapshot and only the journal after it.
 *
 * <p>The holder is immutable; the thread rules are those of its parts (written by one responder, read by any
 * thread).
 *
 * @param orders   open orders, by engine order id.
 * @param accounts the configured accounts (their client order ids of open orders).
 * @param books    the market-data projection, by instrument id ({@code null} for an id with no instrument).
 * @param risk     the accounts' risk state.
 */
public record GatewayState(ConcurrentHashMap<Long, OrderRecord> orders, Accounts accounts, BookView[] books,
    RiskProjection risk)
{
    /**
     * @param config      the accounts, their rate limits and starting limits.
     * @param instruments the instruments.
     * @return a state with no history: no orders, empty books, every account at its configured limits.
     */
    public static GatewayState empty(final GatewayConfig config, final Instruments instruments)
    {
        return empty(config, instruments, System::nanoTime);
    }

    /**
     * @param config         the accounts, their rate limits and starting limits.
     * @param instruments    the instruments.
     * @param rateLimitClock the clock of the accounts' rate limits ({@link System#nanoTime()}, or a test's fake).
     * @return a state with no history: no orders, empty books, every account at its configured limits.
     */
    public static GatewayState empty(final GatewayConfig config, final Instruments instruments,
        final LongSupplier rateLimitClock)
    {
        final int slots = instrumentSlots(instruments);
        final BookView[] books = new BookView[slots];
        for (int i = 0; i < slots; i++)
        {
            final Instrument instrument = instruments.byId(i);
            books[i] = instrument == null ? null : new BookView(instrument);
        }
        return new GatewayState(new ConcurrentHashMap<>(), new Accounts(config.accounts(), config.rateLimit(),
            rateLimitClock), books, new RiskProjection(config, slots));
    }

    /**
     * @param instruments the instruments.
     * @return one more than the largest instrument id: the length of the per-instrument arrays.
     */
    public static int instrumentSlots(final Instruments instruments)
    {
        return instruments.all().stream().mapToInt(Instrument::id).max().orElse(0) + 1;
    }
}
