package dev.hotpath.gateway.auth;

import dev.hotpath.gateway.GatewayConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accounts the gateway knows and their per-account state: API key, rate limit, client order ids of
 * open orders, execution report subscribers.
 *
 * <p>Built once at start; the lookups are read-only and safe from any thread.
 */
public final class Accounts
{
    private final Map<String, AccountState> byKey = new HashMap<>();
    private final Map<Long, AccountState> byId = new HashMap<>();

    /**
     * @param accounts  from the config.
     * @param rateLimit each account's token bucket.
     * @param nowNs     now, monotonic.
     */
    public Accounts(final List<GatewayConfig.Account> accounts, final GatewayConfig.RateLimit rateLimit,
        final long nowNs)
    {
        for (final GatewayConfig.Account a : accounts)
        {
            final AccountState state = new AccountState(a.id(), a.name(),
                new TokenBucket(rateLimit.perSecond(), rateLimit.burst(), nowNs));
            byKey.put(a.key(), state);
            byId.put(a.id(), state);
        }
    }

    /**
     * Finds the account of an API key. The map lookup is by hash; the final comparison is constant-time.
     *
     * @param key the {@code x-api-key} value.
     * @return the account, or {@code null}.
     */
    public AccountState byKey(final String key)
    {
        if (key == null)
        {
            return null;
        }
        for (final Map.Entry<String, AccountState> e : byKey.entrySet())
        {
            if (MessageDigest.isEqual(e.getKey().getBytes(StandardCharsets.UTF_8),
                key.getBytes(StandardCharsets.UTF_8)))
            {
                return e.getValue();
            }
        }
        return null;
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
