package dev.hotpath.engine.pipeline;

import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.risk.RiskLimits;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Random but reproducible command flow for pipeline tests: all order types, cancels, amends, kill switches,
 * risk limit changes (some invalid) and some bad input, over a few instruments and accounts, one of them with tight risk limits.
 */
final class TestFlow
{
    static final List<Instrument> INSTRUMENTS = List.of(
        new Instrument(0, "AAA", 1, 1, 2, 0), new Instrument(1, "BBB", 5, 10, 2, 0));
    static final long TIGHT_ACCOUNT = 7;

    private final SplittableRandom random;
    private long nextOrderId;
    private final long firstOrderId;
    private long timestampNs = 1_700_000_000_000_000_000L;

    TestFlow(final long seed)
    {
        this(seed, 0);
    }

    TestFlow(final long seed, final long orderIdBase)
    {
        this.random = new SplittableRandom(seed);
        this.nextOrderId = orderIdBase + 1;
        this.firstOrderId = orderIdBase + 1;
    }

    static EngineConfig.Builder config(final Path dir)
    {
        return EngineConfig.builder()
            .directory(dir)
            .instruments(INSTRUMENTS)
            .ringSize(1024)
            .accountLimits(TIGHT_ACCOUNT, new RiskLimits(500, 60_000, 5, 1_000));
    }

    /** Fills {@code command} with the next command of the flow. */
    Command next(final Command command)
    {
        timestampNs += 1 + random.nextInt(1000);
        if (random.nextInt(50) == 0)
        {
            timestampNs += random.nextInt(20_000);
            return command.time(timestampNs); // the gateway's timer: expiries without other traffic
        }
        final long account = 1 + random.nextInt(8);
        final int dice = random.nextInt(100);
        if (dice < 55)
        {
            final int instrument = random.nextInt(INSTRUMENTS.size());
            final Instrument inst = INSTRUMENTS.get(instrument);
            final Side side = random.nextBoolean() ? Side.BUY : Side.SELL;
            final long price = (95 + random.nextInt(11)) * inst.tickSize();
            final long quantity = (1 + random.nextInt(20)) * inst.lotSize();
            final OrderType type = pickType();
            command.place(timestampNs, nextOrderId++, account, instrument, side.code(), type.code(), price,
                quantity);
            if (random.nextInt(8) == 0)
            {
                // a stop near the prices the flow trades at: stop-market or stop-limit
                final boolean limit = random.nextBoolean();
                command.place(timestampNs, command.orderId, account, instrument, side.code(),
                    (limit ? OrderType.STOP_LIMIT : OrderType.STOP).code(), limit ? price : 0, quantity)
                    .stopPrice((97 + random.nextInt(7)) * inst.tickSize());
            }
            else if (random.nextInt(6) == 0 && type.mayHide() && quantity > inst.lotSize())
            {
                // an iceberg showing a few lots at a time
                command.displayQuantity((1 + random.nextInt((int)Math.min(4, quantity / inst.lotSize() - 1))) *
                    inst.lotSize());
            }
            // one in five good till a time some commands ahead (an average command is 500 ns later)
            return random.nextInt(5) == 0 ? command.expiresAt(timestampNs + random.nextInt(1, 50_000)) : command;
        }
        if (dice < 75)
        {
            return command.cancel(timestampNs, random.nextLong(firstOrderId, nextOrderId + 1), account);
        }
        if (dice < 94)
        {
            return command.amend(timestampNs, random.nextLong(firstOrderId, nextOrderId + 1), account, (95 + random.nextInt(11)) * 5,
                (1 + random.nextInt(20)) * 10);
        }
        if (dice < 95)
        {
            // one instrument or all, one side or both
            return command.massCancel(timestampNs, account, random.nextBoolean() ? Command.ALL_INSTRUMENTS :
                random.nextInt(INSTRUMENTS.size()), random.nextInt(3) == 0 ? Command.BOTH_SIDES :
                random.nextBoolean() ? Side.BUY.code() : Side.SELL.code());
        }
        if (dice < 97)
        {
            return command.killSwitch(timestampNs, account, random.nextBoolean());
        }
        if (dice < 98)
        {
            // one in four is invalid (a zero limit) and must be rejected without changing anything
            final boolean valid = random.nextInt(4) > 0;
            return command.setLimits(timestampNs, account, valid ? 100 + random.nextInt(300) : 0,
                10_000 + random.nextInt(90_000), 3 + random.nextInt(50), 500 + random.nextInt(4_500));
        }
        return command.place(timestampNs, nextOrderId++, account, 9, Side.BUY.code(), OrderType.LIMIT.code(), -1, 0);
    }

    private OrderType pickType()
    {
        final int dice = random.nextInt(100);
        if (dice < 60)
        {
            return OrderType.LIMIT;
        }
        if (dice < 70)
        {
            return OrderType.MARKET;
        }
        if (dice < 80)
        {
            return OrderType.IOC;
        }
        if (dice < 90)
        {
            return OrderType.FOK;
        }
        return OrderType.POST_ONLY;
    }
}
