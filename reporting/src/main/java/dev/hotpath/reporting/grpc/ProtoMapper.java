package dev.hotpath.reporting.grpc;

import dev.hotpath.reporting.grpc.v1.Bar;
import dev.hotpath.reporting.grpc.v1.OrderStats;
import dev.hotpath.reporting.grpc.v1.Position;
import dev.hotpath.reporting.grpc.v1.Trade;
import dev.hotpath.reporting.projection.BarInterval;
import dev.hotpath.reporting.projection.BarRow;
import dev.hotpath.reporting.projection.OrderStatsRow;
import dev.hotpath.reporting.projection.PositionRow;
import dev.hotpath.reporting.projection.TradeRow;

import java.math.BigDecimal;

/**
 * Projection rows to protobuf messages. Decimals travel as plain strings without trailing zeros, never as
 * floating point.
 *
 * <p>Stateless; any thread.
 */
final class ProtoMapper
{
    private ProtoMapper()
    {
    }

    static String decimal(final BigDecimal value)
    {
        return value.signum() == 0 ? "0" : value.stripTrailingZeros().toPlainString();
    }

    static Trade trade(final TradeRow t, final long accountId)
    {
        final boolean maker = t.makerAccountId() == accountId;
        final boolean buy = maker != t.aggressorBuy();
        return Trade.newBuilder()
            .setTradeId(t.tradeId())
            .setSequence(t.sequence())
            .setTimestampNs(t.timestampNs())
            .setInstrumentId(t.instrumentId())
            .setOrderId(maker ? t.makerOrderId() : t.takerOrderId())
            .setSide(buy ? "BUY" : "SELL")
            .setMaker(maker)
            .setPrice(t.price())
            .setQuantity(t.quantity())
            .build();
    }

    static Position position(final PositionRow p, final long lastPrice)
    {
        return Position.newBuilder()
            .setAccountId(p.accountId())
            .setInstrumentId(p.instrumentId())
            .setQuantity(p.quantity())
            .setAveragePrice(decimal(p.averagePrice()))
            .setOpenCost(decimal(p.openCost()))
            .setRealizedPnl(decimal(p.realizedPnl()))
            .setUnrealizedPnl(decimal(p.unrealizedPnl(lastPrice)))
            .setLastPrice(lastPrice)
            .setBoughtQuantity(p.boughtQuantity())
            .setSoldQuantity(p.soldQuantity())
            .build();
    }

    static Bar bar(final BarRow b)
    {
        return Bar.newBuilder()
            .setInstrumentId(b.instrumentId())
            .setInterval(interval(b.interval()))
            .setStartNs(b.startNs())
            .setOpen(b.open())
            .setHigh(b.high())
            .setLow(b.low())
            .setClose(b.close())
            .setVolume(b.volume())
            .setNotional(decimal(b.notional()))
            .setVwap(decimal(b.vwap()))
            .setTradeCount(b.tradeCount())
            .build();
    }

    static OrderStats orderStats(final OrderStatsRow s)
    {
        return OrderStats.newBuilder()
            .setAccountId(s.accountId())
            .setPlaced(s.placed())
            .setAccepted(s.accepted())
            .setFilled(s.filled())
            .setCancelled(s.cancelled())
            .setExpired(s.expired())
            .setSelfTradePrevented(s.selfTradePrevented())
            .setAmended(s.amended())
            .setRejected(s.rejected())
            .putAllRejectedByReason(s.rejectedByReason())
            .setFills(s.fills())
            .setTriggered(s.triggered())
            .build();
    }

    static dev.hotpath.reporting.grpc.v1.BarInterval interval(final BarInterval interval)
    {
        return switch (interval)
        {
            case ONE_SECOND -> dev.hotpath.reporting.grpc.v1.BarInterval.BAR_INTERVAL_1S;
            case ONE_MINUTE -> dev.hotpath.reporting.grpc.v1.BarInterval.BAR_INTERVAL_1M;
        };
    }

    /**
     * @param interval from a request.
     * @return the projection's interval, or {@code null} when unset or unknown.
     */
    static BarInterval interval(final dev.hotpath.reporting.grpc.v1.BarInterval interval)
    {
        return switch (interval)
        {
            case BAR_INTERVAL_1S -> BarInterval.ONE_SECOND;
            case BAR_INTERVAL_1M -> BarInterval.ONE_MINUTE;
            default -> null;
        };
    }
}
