package dev.hotpath.engine.risk;

import dev.hotpath.engine.api.DoneReason;
import dev.hotpath.engine.api.EventSink;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.RejectReason;
import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.matching.OrderChecks;
import dev.hotpath.engine.matching.PreTradeCheck;
import org.agrona.collections.Long2ObjectHashMap;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Pre-trade risk: per account a maximum order quantity, a maximum order notional, a maximum number of open
 * orders, a per-instrument position limit, and a kill switch.
 *
 * <p>It plays two parts. As a {@link PreTradeCheck} it vetoes orders before the matcher accepts them. As an
 * {@link EventSink} placed between the matcher and the real sink it watches what happened (accepts, fills,
 * amends, done orders) to keep positions and open quantities up to date, and forwards every event unchanged.
 * Accounts are created on first sight with their configured limits (or the default ones); a
 * {@link dev.hotpath.engine.api.CommandType#SET_LIMITS} command replaces them in place.
 *
 * <p>Owned by the matching thread.
 */
public final class RiskEngine implements PreTradeCheck, EventSink
{
    private final RiskLimits defaultLimits;
    private final Map<Long, RiskLimits> limitsByAccount;
    private final int instrumentSlots;
    private final Long2ObjectHashMap<AccountRisk> accounts = new Long2ObjectHashMap<>(4096, 0.5f);
    private AccountRisk lastAccount;
    private EventSink downstream;
    private long amendOldQuantity;

    /**
     * @param defaultLimits   limits of accounts not listed.
     * @param limitsByAccount limits of particular accounts.
     * @param instrumentSlots one more than the largest instrument id.
     */
    public RiskEngine(
        final RiskLimits defaultLimits, final Map<Long, RiskLimits> limitsByAccount, final int instrumentSlots)
    {
        this.defaultLimits = defaultLimits;
        this.limitsByAccount = Map.copyOf(limitsByAccount);
        this.instrumentSlots = instrumentSlots;
    }

    /**
     * Sets where events go after risk has seen them.
     *
     * @param downstream the next sink.
     * @return this, to pass to the matcher as its sink.
     */
    public RiskEngine forwardTo(final EventSink downstream)
    {
        this.downstream = downstream;
        return this;
    }

    /**
     * Turns an account's kill switch on or off. (Cancelling its open orders is the matcher's job.)
     *
     * @param accountId the account.
     * @param on        true to refuse its new orders.
     */
    public void setKillSwitch(final long accountId, final boolean on)
    {
        account(accountId).killSwitch = on;
    }

    /**
     * Replaces an account's limits (a {@link dev.hotpath.engine.api.CommandType#SET_LIMITS} command), or refuses
     * them when one is not positive: no exception, no allocation, nothing changed on a refusal. Accepted limits
     * are reported downstream as {@code onLimitsSet}, a refusal as {@code onRejected(INVALID_LIMITS)}.
     *
     * @param accountId        the account.
     * @param maxOrderQuantity largest order quantity.
     * @param maxOrderNotional largest order notional.
     * @param maxOpenOrders    most open orders.
     * @param maxPosition      largest absolute position per instrument.
     * @return {@code null} when applied, else why not.
     */
    public RejectReason setLimits(
        final long accountId,
        final long maxOrderQuantity,
        final long maxOrderNotional,
        final int maxOpenOrders,
        final long maxPosition)
    {
        if (maxOrderQuantity <= 0 || maxOrderNotional <= 0 || maxOpenOrders <= 0 || maxPosition <= 0 ||
            maxPosition > RiskLimits.MAX_POSITION)
        {
            downstream.onRejected(0, accountId, -1, RejectReason.INVALID_LIMITS);
            return RejectReason.INVALID_LIMITS;
        }
        final AccountRisk account = account(accountId);
        account.setLimits(maxOrderQuantity, maxOrderNotional, maxOpenOrders, maxPosition);
        account.limitsSetAtRunTime = true;
        downstream.onLimitsSet(accountId, maxOrderQuantity, maxOrderNotional, maxOpenOrders, maxPosition);
        return null;
    }

    /**
     * @param accountId an account.
     * @return its risk state, or {@code null} if it has never sent an order.
     */
    public AccountRisk find(final long accountId)
    {
        return accounts.get(accountId);
    }

    /**
     * Visits every known account in ascending id order (deterministic, for snapshots).
     *
     * @param visitor receives each account.
     */
    public void forEachAccount(final Consumer<AccountRisk> visitor)
    {
        final long[] ids = new long[accounts.size()];
        int i = 0;
        for (final Long2ObjectHashMap<AccountRisk>.KeyIterator it = accounts.keySet().iterator(); it.hasNext(); )
        {
            ids[i++] = it.nextLong();
        }
        Arrays.sort(ids);
        for (final long id : ids)
        {
            visitor.accept(accounts.get(id));
        }
    }

    /**
     * Restores one account from a snapshot.
     *
     * @param accountId        id.
     * @param limits           limits set at run time, or {@code null} to keep those of the config (so that a
     *                         snapshot taken under an older config restores what a full replay would).
     * @param killSwitch       kill switch state.
     * @param openOrders       open order count.
     * @param position         positions by instrument.
     * @param openBuyQuantity  open buy quantity by instrument.
     * @param openSellQuantity open sell quantity by instrument.
     */
    public void restoreAccount(
        final long accountId,
        final RiskLimits limits,
        final boolean killSwitch,
        final int openOrders,
        final long[] position,
        final long[] openBuyQuantity,
        final long[] openSellQuantity)
    {
        final AccountRisk account = account(accountId);
        if (limits != null)
        {
            account.setLimits(limits.maxOrderQuantity(), limits.maxOrderNotional(), limits.maxOpenOrders(),
                limits.maxPosition());
            account.limitsSetAtRunTime = true;
        }
        account.killSwitch = killSwitch;
        account.openOrders = openOrders;
        System.arraycopy(position, 0, account.position, 0, instrumentSlots);
        System.arraycopy(openBuyQuantity, 0, account.openBuyQuantity, 0, instrumentSlots);
        System.arraycopy(openSellQuantity, 0, account.openSellQuantity, 0, instrumentSlots);
    }

    /** @return one more than the largest instrument id. */
    public int instrumentSlots()
    {
        return instrumentSlots;
    }

    @Override
    public RejectReason checkPlace(
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long referencePrice,
        final long quantity)
    {
        final AccountRisk account = account(accountId);
        if (account.killSwitch)
        {
            return RejectReason.RISK_KILL_SWITCH;
        }
        if (quantity > account.maxOrderQuantity)
        {
            return RejectReason.RISK_MAX_ORDER_QUANTITY;
        }
        if (referencePrice > 0 && OrderChecks.productExceeds(quantity, referencePrice, account.maxOrderNotional))
        {
            return RejectReason.RISK_MAX_ORDER_NOTIONAL;
        }
        if (account.openOrders >= account.maxOpenOrders)
        {
            return RejectReason.RISK_MAX_OPEN_ORDERS;
        }
        return exceedsPosition(account, instrumentId, side, 0, quantity) ? RejectReason.RISK_POSITION_LIMIT : null;
    }

    @Override
    public RejectReason checkAmend(
        final long accountId,
        final int instrumentId,
        final Side side,
        final long oldQuantity,
        final long newPrice,
        final long newQuantity)
    {
        final AccountRisk account = account(accountId);
        if (newQuantity > account.maxOrderQuantity)
        {
            return RejectReason.RISK_MAX_ORDER_QUANTITY;
        }
        if (OrderChecks.productExceeds(newQuantity, newPrice, account.maxOrderNotional))
        {
            return RejectReason.RISK_MAX_ORDER_NOTIONAL;
        }
        if (exceedsPosition(account, instrumentId, side, oldQuantity, newQuantity))
        {
            return RejectReason.RISK_POSITION_LIMIT;
        }
        amendOldQuantity = oldQuantity;
        return null;
    }

    @Override
    public void onAccepted(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final OrderType type,
        final long price,
        final long quantity)
    {
        final AccountRisk account = account(accountId);
        account.openOrders++;
        addOpen(account, instrumentId, side, quantity);
        downstream.onAccepted(orderId, accountId, instrumentId, side, type, price, quantity);
    }

    @Override
    public void onRejected(final long orderId, final long accountId, final int instrumentId, final RejectReason reason)
    {
        downstream.onRejected(orderId, accountId, instrumentId, reason);
    }

    @Override
    public void onAmended(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final long price,
        final long quantity)
    {
        addOpen(account(accountId), instrumentId, side, quantity - amendOldQuantity);
        downstream.onAmended(orderId, accountId, instrumentId, side, price, quantity);
    }

    @Override
    public void onTrade(
        final long tradeId,
        final int instrumentId,
        final long makerOrderId,
        final long makerAccountId,
        final long takerOrderId,
        final long takerAccountId,
        final Side aggressor,
        final long price,
        final long quantity)
    {
        fill(account(makerAccountId), instrumentId, aggressor.opposite(), quantity);
        fill(account(takerAccountId), instrumentId, aggressor, quantity);
        downstream.onTrade(tradeId, instrumentId, makerOrderId, makerAccountId, takerOrderId, takerAccountId,
            aggressor, price, quantity);
    }

    @Override
    public void onOrderDone(
        final long orderId,
        final long accountId,
        final int instrumentId,
        final Side side,
        final DoneReason reason,
        final long remainingQuantity)
    {
        final AccountRisk account = account(accountId);
        account.openOrders--;
        addOpen(account, instrumentId, side, -remainingQuantity);
        downstream.onOrderDone(orderId, accountId, instrumentId, side, reason, remainingQuantity);
    }

    @Override
    public void onTriggered(final long orderId, final long accountId, final int instrumentId, final Side side)
    {
        downstream.onTriggered(orderId, accountId, instrumentId, side); // counted since it was accepted
    }

    @Override
    public void onLevelChanged(
        final int instrumentId, final Side side, final long price, final long totalQuantity, final int orderCount)
    {
        downstream.onLevelChanged(instrumentId, side, price, totalQuantity, orderCount);
    }

    /**
     * The account's risk state, created on first use. A command's check and its events name the same account
     * two or three times in a row, so the last one found is remembered and the map is probed once per command.
     */
    private AccountRisk account(final long accountId)
    {
        final AccountRisk last = lastAccount;
        return last != null && last.accountId == accountId ? last : lookUp(accountId);
    }

    /** The map probe, out of line so that {@link #account} stays small enough to inline. */
    private AccountRisk lookUp(final long accountId)
    {
        AccountRisk account = accounts.get(accountId);
        if (account == null)
        {
            account = new AccountRisk(
                accountId, limitsByAccount.getOrDefault(accountId, defaultLimits), instrumentSlots);
            accounts.put(accountId, account);
        }
        lastAccount = account;
        return account;
    }

    private static boolean exceedsPosition(
        final AccountRisk account, final int instrumentId, final Side side, final long replaced, final long added)
    {
        final long max = account.maxPosition;
        final long position = account.position[instrumentId];
        if (side == Side.BUY)
        {
            return position + account.openBuyQuantity[instrumentId] - replaced + added > max;
        }
        return position - account.openSellQuantity[instrumentId] + replaced - added < -max;
    }

    private static void addOpen(final AccountRisk account, final int instrumentId, final Side side, final long delta)
    {
        if (side == Side.BUY)
        {
            account.openBuyQuantity[instrumentId] += delta;
        }
        else
        {
            account.openSellQuantity[instrumentId] += delta;
        }
    }

    private static void fill(final AccountRisk account, final int instrumentId, final Side side, final long quantity)
    {
        if (side == Side.BUY)
        {
            account.position[instrumentId] += quantity;
            account.openBuyQuantity[instrumentId] -= quantity;
        }
        else
        {
            account.position[instrumentId] -= quantity;
            account.openSellQuantity[instrumentId] -= quantity;
        }
    }
}
