package dev.hotpath.gateway.auth;

import dev.hotpath.engine.auth.ApiKeys;
import dev.hotpath.gateway.GatewayConfig;

import java.util.List;

/**
 * The admin keys of the config: who may call AdminService. An admin is not an account: it has no orders, no
 * rate limit and no positions, and its key is refused by the trading services.
 *
 * <p>Built once at start; read-only and safe from any thread.
 */
public final class Admins
{
    private final ApiKeys<GatewayConfig.Admin> keys;

    /**
     * @param admins from the config.
     * @throws IllegalArgumentException when a key breaks the rules of {@link ApiKeys}.
     */
    public Admins(final List<GatewayConfig.Admin> admins)
    {
        final ApiKeys.Builder<GatewayConfig.Admin> builder = ApiKeys.builder();
        admins.forEach(admin -> builder.add(admin.key(), admin, "admin " + admin.name()));
        this.keys = builder.build();
    }

    /**
     * Finds the admin of an API key (see {@link ApiKeys#find} for why its timing tells nothing about the keys).
     *
     * @param key the {@code x-api-key} value, or {@code null}.
     * @return the admin, or {@code null}.
     */
    public GatewayConfig.Admin byKey(final String key)
    {
        return keys.find(key);
    }
}
