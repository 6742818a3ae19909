package dev.hotpath.gateway.auth;

import dev.hotpath.engine.auth.ApiKeys;
import dev.hotpath.gateway.GatewayConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * The accounts the gateway knows and their per-account state: API key, rate limit, client order ids of
 * open orders, execution report subscribers.
 *
 * <p>Built once at start; the lookups are read-only and safe from any thread.
 */
public final class Accounts
{
    private final ApiKeys<AccountState> byKey;
    private final Map<Long, AccountState> byId = new HashMap<>();

    /**
     * @param accounts  from the config.
     * @param rateLimit each account's token bucket.
     * @param nanoClock the buckets' clock, monotonic ({@link System#nanoTime()}, or a test's fake).
     * @throws IllegalArgumentException when a key breaks the rules of {@link ApiKeys}.
     */
    public Accounts(final List<GatewayConfig.Account> accounts, final GatewayConfig.RateLimit rateLimit,
        final LongSupplier nanoClock)
    {
        final ApiKeys.Builder<AccountState> keys = ApiKeys.builder();
        for (final GatewayConfig.Account a : accounts)
        {
            final AccountState state = new AccountState(a.id(), a.name(),
                new TokenBucket(rateLimit.perSecond(), rateLimit.burst(), nanoClock));
            keys.add(a.key(), state, "account " + a.id());
            byId.put(a.id(), state);
        }
        this.byKey = keys.build();
    }

    /**
     * Finds the account of an API key (see {@link ApiKeys#find} for why its timing tells nothing about the keys).
     *
     * @param key the {@code x-api-key} value, or {@code null}.
     * @return the account, or {@code null}.
     */
    public AccountState byKey(final String key)
    {
        return byKey.find(key);
    }

    /**
     * @param id an account id.
     * @return its state, or {@code null}.
     */
    public AccountState byId(final long id)
    {
        return byId.get(id);
    }
}
