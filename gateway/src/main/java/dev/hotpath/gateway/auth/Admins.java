package dev.hotpath.gateway.auth;

import dev.hotpath.gateway.GatewayConfig;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/**
 * The admin keys of the config: who may call AdminService. An admin is not an account: it has no orders, no
 * rate limit and no positions, and its key is refused by the trading services.
 *
 * <p>Built once at start; read-only and safe from any thread.
 */
public final class Admins
{
    private final List<GatewayConfig.Admin> admins;

    /**
     * @param admins from the config.
     */
    public Admins(final List<GatewayConfig.Admin> admins)
    {
        this.admins = List.copyOf(admins);
    }

    /**
     * Finds the admin of an API key, comparing every key in constant time.
     *
     * @param key the {@code x-api-key} value.
     * @return the admin, or {@code null}.
     */
    public GatewayConfig.Admin byKey(final String key)
    {
        if (key == null)
        {
            return null;
        }
        final byte[] presented = key.getBytes(StandardCharsets.UTF_8);
        GatewayConfig.Admin found = null;
        for (final GatewayConfig.Admin admin : admins)
        {
            if (MessageDigest.isEqual(admin.key().getBytes(StandardCharsets.UTF_8), presented))
            {
                found = admin;
            }
        }
        return found;
    }
}
