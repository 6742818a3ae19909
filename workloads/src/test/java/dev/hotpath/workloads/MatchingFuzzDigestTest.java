package dev.hotpath.workloads;

import dev.hotpath.engine.api.Instrument;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.SelfTradePolicy;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.MatchingCore;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random commands of every kind (all order types, amends up and down in price and quantity, cancels by
 * owners and others, cancel-all, bad input) on two small crowded books with tick 5 and lot 10, under each
 * self-trade policy: the events are pinned by digest, recorded with the engine of commit 6268c16. With
 * {@link MatchingReplayDigestTest} this is the regression net for performance work on the book and the
 * matcher: any change in any event, or in their order, fails it.
 */
class MatchingFuzzDigestTest
{
    @ParameterizedTest(name = "{0} seed {1}")
    @CsvSource({
        "CANCEL_RESTING, 1, 3c0381ad7bf85c98",
        "CANCEL_INCOMING, 2, 5cf82610608ba48d",
        "CANCEL_BOTH, 3, 6596398be23a04ce",
    })
    void shouldEmitThePinnedEvents(final SelfTradePolicy policy, final long seed, final String pinned)
    {
        final DigestingSink sink = fuzz(policy, seed, 300_000);
        System.out.println(policy + " seed " + seed + ": " + sink);
        assertEquals(pinned, Long.toHexString(sink.digest), sink.toString());
    }

    static DigestingSink fuzz(final SelfTradePolicy policy, final long seed, final int commands)
    {
        final List<Instrument> instruments = List.of(
            new Instrument(0, "A", 5, 10, 2, 0), new Instrument(3, "B", 5, 10, 2, 0));
        final MatchingCore engine = new MatchingCore(instruments, policy, 1 << 10);
        final DigestingSink sink = new DigestingSink();
        final SplittableRandom random = new SplittableRandom(seed);
        final byte[] types = {
            OrderType.LIMIT.code(), OrderType.LIMIT.code(), OrderType.LIMIT.code(), OrderType.MARKET.code(),
            OrderType.IOC.code(), OrderType.FOK.code(), OrderType.POST_ONLY.code(), (byte)'Z'};
        long nextId = 1;
        for (int i = 0; i < commands; i++)
        {
            final int what = random.nextInt(100);
            final long account = 1 + random.nextInt(12);
            final long someId = random.nextInt(20) == 0 ? 1 + random.nextLong(nextId + 5) : Math.max(1, nextId - 1 - random.nextInt(60));
            final long price = 5 * (180 + random.nextInt(41)) + (random.nextInt(200) == 0 ? 3 : 0);
            final long qty = 10 * (1 + random.nextInt(12)) + (random.nextInt(200) == 0 ? 5 : 0);
            if (what < 45)
            {
                final int instrument = random.nextInt(50) == 0 ? 7 : (random.nextBoolean() ? 0 : 3);
                final byte side = random.nextInt(100) == 0 ? (byte)'X' :
                    random.nextBoolean() ? Side.BUY.code() : Side.SELL.code();
                final long id = random.nextInt(100) == 0 ? someId : nextId++;
                engine.place(id, account, instrument, side, types[random.nextInt(types.length)], price, qty, sink);
            }
            else if (what < 75)
            {
                final long newQty = random.nextInt(4) == 0 ? 10 * random.nextInt(3) : qty;
                engine.amend(someId, random.nextInt(5) == 0 ? account : ownerOr(engine, someId, account), price,
                    newQty, sink);
            }
            else if (what < 99)
            {
                engine.cancel(someId, random.nextInt(5) == 0 ? account : ownerOr(engine, someId, account), sink);
            }
            else
            {
                engine.cancelAll(account, sink);
            }
        }
        return sink;
    }

    private static long ownerOr(final MatchingCore engine, final long orderId, final long fallback)
    {
        final long[] owner = {fallback};
        engine.findOrder(orderId, (id, account, instrument, side, type, price, remaining, visible, filled) ->
            owner[0] = account);
        return owner[0];
    }
}
