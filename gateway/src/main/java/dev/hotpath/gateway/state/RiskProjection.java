package dev.hotpath.gateway.state;

import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.risk.RiskLimits;
import dev.hotpath.gateway.GatewayConfig;
import dev.hotpath.gateway.out.Responder;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The gateway's projection of every configured account's risk state, rebuilt from the event journal at start and
 * kept up to date from each command's events by the {@link Responder}: the same rules as the engine's
 * risk engine (positions move with fills, open orders count accepts minus done orders, limits and kill switches
 * follow their commands), so it agrees with the engine after every command the gateway has dispatched.
 *
 * <p>The account set is fixed at start. Updates on the responder thread (or the replaying thread: the starting
 * thread, or the gateway snapshotter's for its copy): the update methods are public for the {@link Responder}
 * only. Reads from any thread (see {@link AccountRiskView}).
 */
public final class RiskProjection
{
    private final Map<Long, AccountRiskView> accounts;
    private final List<AccountRiskView> ordered;

    /**
     * @param config          the accounts and their starting limits.
     * @param instrumentSlots one more than the largest instrument id.
     */
    public RiskProjection(final GatewayConfig config, final int instrumentSlots)
    {
        final TreeMap<Long, AccountRiskView> byId = new TreeMap<>();
        for (final GatewayConfig.Account account : config.accounts())
        {
            byId.put(account.id(), new AccountRiskView(account.id(), account.name(), config.limitsOf(account),
                instrumentSlots));
        }
        this.accounts = Collections.unmodifiableMap(byId);
        this.ordered = List.copyOf(byId.values());
    }

    /**
     * @param accountId an account id.
     * @return its view, or {@code null} when the config has no such account.
     */
    public AccountRiskView find(final long accountId)
    {
        return accounts.get(accountId);
    }

    /**
     * An order of the account was accepted: one more open order. Responder thread (or the replaying thread).
     *
     * @param accountId the account.
     */
    public void accepted(final long accountId)
    {
        final AccountRiskView view = accounts.get(accountId);
        if (view != null)
        {
            view.opened();
        }
    }

    /**
     * An order of the account is done: one open order less. Responder thread (or the replaying thread).
     *
     * @param accountId the account.
     */
    public void done(final long accountId)
    {
        final AccountRiskView view = accounts.get(accountId);
        if (view != null)
        {
            view.closed();
        }
    }

    /**
     * A trade moves both sides' positions. Responder thread (or the replaying thread).
     *
     * @param instrumentId   the instrument.
     * @param makerAccountId the resting order's account.
     * @param takerAccountId the incoming order's account.
     * @param aggressor      the incoming order's side.
     * @param quantity       the traded quantity, in quantity units.
     */
    public void trade(final int instrumentId, final long makerAccountId, final long takerAccountId,
        final Side aggressor, final long quantity)
    {
        final AccountRiskView maker = accounts.get(makerAccountId);
        if (maker != null)
        {
            maker.filled(instrumentId, aggressor.opposite(), quantity);
        }
        final AccountRiskView taker = accounts.get(takerAccountId);
        if (taker != null)
        {
            taker.filled(instrumentId, aggressor, quantity);
        }
    }

    /**
     * The engine applied new limits to the account. Responder thread (or the replaying thread).
     *
     * @param accountId the account.
     * @param limits    its limits from now on.
     */
    public void limits(final long accountId, final RiskLimits limits)
    {
        final AccountRiskView view = accounts.get(accountId);
        if (view != null)
        {
            view.limits(limits);
        }
    }

    /**
     * The engine turned the account's kill switch on or off. Responder thread (or the replaying thread).
     *
     * @param accountId the account.
     * @param on        true while its new orders are refused.
     */
    public void killSwitch(final long accountId, final boolean on)
    {
        final AccountRiskView view = accounts.get(accountId);
        if (view != null)
        {
            view.killSwitch(on);
        }
    }

    /** @return copies of every account's state, ascending id. */
    public List<AccountRiskView.Snapshot> snapshots()
    {
        final List<AccountRiskView.Snapshot> all = new ArrayList<>(ordered.size());
        for (final AccountRiskView view : ordered)
        {
            all.add(view.snapshot());
        }
        return all;
    }
}
