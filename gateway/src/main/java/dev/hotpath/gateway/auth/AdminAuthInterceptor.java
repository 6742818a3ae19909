package dev.hotpath.gateway.auth;

import dev.hotpath.gateway.GatewayConfig;
import dev.hotpath.gateway.GatewayMetrics;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Authenticates AdminService calls by their {@code x-api-key} metadata: an admin key passes (the admin goes into
 * the call's {@link Context}, {@link #ADMIN}); a trading account's key ends the call with PERMISSION_DENIED; a
 * missing or unknown key with UNAUTHENTICATED.
 *
 * <p>Thread-safe; any gRPC thread.
 */
public final class AdminAuthInterceptor implements ServerInterceptor
{
    /** The authenticated admin of the current call. */
    public static final Context.Key<GatewayConfig.Admin> ADMIN = Context.key("hotpath-admin");

    private final Admins admins;
    private final Accounts accounts;
    private final GatewayMetrics metrics;

    /**
     * @param admins   the admin keys.
     * @param accounts the trading accounts (to tell a trading key from an unknown one).
     * @param metrics  the meters.
     */
    public AdminAuthInterceptor(final Admins admins, final Accounts accounts, final GatewayMetrics metrics)
    {
        this.admins = admins;
        this.accounts = accounts;
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers,
        final ServerCallHandler<Q, R> next)
    {
        final String key = headers.get(AuthInterceptor.API_KEY);
        final GatewayConfig.Admin admin = admins.byKey(key);
        if (admin != null)
        {
            return Contexts.interceptCall(Context.current().withValue(ADMIN, admin), call, headers, next);
        }
        if (key != null && accounts.byKey(key) != null)
        {
            return AuthInterceptor.refuse(call, metrics,
                Status.PERMISSION_DENIED.withDescription("trading keys cannot call AdminService: use an admin key"));
        }
        return AuthInterceptor.refuse(call, metrics, AuthInterceptor.unauthenticated(key));
    }
}
