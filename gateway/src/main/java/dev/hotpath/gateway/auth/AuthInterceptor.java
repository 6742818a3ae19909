package dev.hotpath.gateway.auth;

import dev.hotpath.engine.auth.ApiKeyInterceptor;
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
 * The gateway's API-key checks, both made by the {@link ApiKeyInterceptor} that reporting uses too. This one, in
 * front of the trading services (order entry, market data), admits the trading accounts' keys, puts the account
 * into the call's {@link Context} ({@link #ACCOUNT}) with whether the call asked for cancel on disconnect
 * ({@link #CANCEL_ON_DISCONNECT}), and refuses an admin's key with PERMISSION_DENIED (admins cannot trade);
 * {@link #forAdminService} admits the admins' keys, and only them, to AdminService ({@link #ADMIN}). A missing or
 * unknown key is UNAUTHENTICATED; every refusal is counted as a gateway reject.
 *
 * <p>Thread-safe; any gRPC thread.
 */
public final class AuthInterceptor implements ServerInterceptor
{
    /** The metadata key of the API key (the shared {@link ApiKeyInterceptor#API_KEY}). */
    public static final Metadata.Key<String> API_KEY = ApiKeyInterceptor.API_KEY;
    /** The authenticated account of the current call to a trading service. */
    public static final Context.Key<AccountState> ACCOUNT = Context.key("hotpath-account");
    /** The authenticated admin of the current AdminService call. */
    public static final Context.Key<GatewayConfig.Admin> ADMIN = Context.key("hotpath-admin");
    /** The metadata key an OrderStream sets to {@code true} to have its orders cancelled if it drops. */
    public static final Metadata.Key<String> CANCEL_ON_DISCONNECT_HEADER = Metadata.Key.of("x-cancel-on-disconnect",
        Metadata.ASCII_STRING_MARSHALLER);
    /** Whether the current call asked for cancel on disconnect (see {@link #CANCEL_ON_DISCONNECT_HEADER}). */
    public static final Context.Key<Boolean> CANCEL_ON_DISCONNECT = Context.key("hotpath-cancel-on-disconnect");

    private final ApiKeyInterceptor<AccountState> keys;

    /**
     * @param accounts the known accounts.
     * @param admins   the admin keys, refused here.
     * @param metrics  the meters.
     */
    public AuthInterceptor(final Accounts accounts, final Admins admins, final GatewayMetrics metrics)
    {
        this.keys = new ApiKeyInterceptor<>(ACCOUNT, accounts::byKey, key -> admins.byKey(key) != null,
            "admin keys cannot trade: use a trading account's key", counted(metrics));
    }

    /**
     * @param admins   the admin keys.
     * @param accounts the trading accounts (to tell a trading key from an unknown one).
     * @param metrics  the meters.
     * @return the interceptor of AdminService: admins pass, trading keys are PERMISSION_DENIED.
     */
    public static ServerInterceptor forAdminService(final Admins admins, final Accounts accounts,
        final GatewayMetrics metrics)
    {
        return new ApiKeyInterceptor<>(ADMIN, admins::byKey, key -> accounts.byKey(key) != null,
            "trading keys cannot call AdminService: use an admin key", counted(metrics));
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers,
        final ServerCallHandler<Q, R> next)
    {
        final boolean cancelOnDisconnect = "true".equalsIgnoreCase(headers.get(CANCEL_ON_DISCONNECT_HEADER));
        return keys.interceptCall(call, headers, (admitted, sameHeaders) -> Contexts.interceptCall(
            Context.current().withValue(CANCEL_ON_DISCONNECT, cancelOnDisconnect), admitted, sameHeaders, next));
    }

    /** Counts each refusal as a gateway reject, by its reason (permission_denied or unauthenticated). */
    private static ApiKeyInterceptor.Refusals counted(final GatewayMetrics metrics)
    {
        return status -> metrics.gatewayReject(status.getCode() == Status.Code.PERMISSION_DENIED ?
            "permission_denied" : "unauthenticated");
    }
}
