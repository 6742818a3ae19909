package dev.hotpath.gateway;

import dev.hotpath.engine.api.Side;
import dev.hotpath.engine.risk.RiskLimits;

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
 * <p>The account set is fixed at start. Updates on the dispatcher thread (or the starting thread during replay);
 * reads from any thread (see {@link AccountRiskView}).
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

    void accepted(final long accountId)
    {
        final AccountRiskView view = accounts.get(accountId);
        if (view != null)
        {
            view.opened();
        }
    }

    void done(final long accountId)
    {
        final AccountRiskView view = accounts.get(accountId);
        if (view != null)
        {
            view.closed();
        }
    }

    void trade(final int instrumentId, final long makerAccountId, final long takerAccountId, final Side aggressor,
        final long quantity)
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

    void limits(final long accountId, final RiskLimits limits)
    {
        final AccountRiskView view = accounts.get(accountId);
        if (view != null)
        {
            view.limits(limits);
        }
    }

    void killSwitch(final long accountId, final boolean on)
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
