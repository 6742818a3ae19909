package dev.hotpath.gateway.auth;

import dev.hotpath.gateway.GatewayMetrics;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Authenticates every call of the trading services (order entry, market data) by its {@code x-api-key} metadata
 * and puts the account into the call's {@link Context} ({@link #ACCOUNT}); an admin key ends the call with
 * PERMISSION_DENIED (admins cannot trade), a missing or unknown key with UNAUTHENTICATED.
 *
 * <p>Thread-safe; any gRPC thread.
 */
public final class AuthInterceptor implements ServerInterceptor
{
    /** The metadata key of the API key. */
    public static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    /** The authenticated account of the current call. */
    public static final Context.Key<AccountState> ACCOUNT = Context.key("hotpath-account");
    /** The metadata key an OrderStream sets to {@code true} to have its orders cancelled if it drops. */
    public static final Metadata.Key<String> CANCEL_ON_DISCONNECT_HEADER = Metadata.Key.of("x-cancel-on-disconnect",
        Metadata.ASCII_STRING_MARSHALLER);
    /** Whether the current call asked for cancel on disconnect (see {@link #CANCEL_ON_DISCONNECT_HEADER}). */
    public static final Context.Key<Boolean> CANCEL_ON_DISCONNECT = Context.key("hotpath-cancel-on-disconnect");

    private final Accounts accounts;
    private final Admins admins;
    private final GatewayMetrics metrics;

    /**
     * @param accounts the known accounts.
     * @param admins   the admin keys, refused here.
     * @param metrics  the meters.
     */
    public AuthInterceptor(final Accounts accounts, final Admins admins, final GatewayMetrics metrics)
    {
        this.accounts = accounts;
        this.admins = admins;
        this.metrics = metrics;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers,
        final ServerCallHandler<Q, R> next)
    {
        final String key = headers.get(API_KEY);
        final AccountState account = key == null ? null : accounts.byKey(key);
        if (account == null && admins.byKey(key) != null)
        {
            return refuse(call, metrics,
                Status.PERMISSION_DENIED.withDescription("admin keys cannot trade: use a trading account's key"));
        }
        if (account == null)
        {
            return refuse(call, metrics, unauthenticated(key));
        }
        final boolean cancelOnDisconnect = "true".equalsIgnoreCase(headers.get(CANCEL_ON_DISCONNECT_HEADER));
        return Contexts.interceptCall(Context.current().withValues(ACCOUNT, account, CANCEL_ON_DISCONNECT,
            cancelOnDisconnect), call, headers, next);
    }

    /**
     * @param key the call's API key, or {@code null}.
     * @return the status of a call whose key names nobody.
     */
    static Status unauthenticated(final String key)
    {
        return Status.UNAUTHENTICATED.withDescription(key == null ? "missing x-api-key metadata" : "unknown API key");
    }

    /**
     * Ends a call its key does not admit, counted as the refusal's reason (permission_denied or unauthenticated).
     *
     * @param call    the call.
     * @param metrics the meters.
     * @param status  PERMISSION_DENIED or UNAUTHENTICATED, with its description.
     * @param <Q>     request type.
     * @param <R>     response type.
     * @return a listener that ignores the rest of the call.
     */
    static <Q, R> ServerCall.Listener<Q> refuse(final ServerCall<Q, R> call, final GatewayMetrics metrics,
        final Status status)
    {
        metrics.gatewayReject(status.getCode() == Status.Code.PERMISSION_DENIED ? "permission_denied" :
            "unauthenticated");
        call.close(status, new Metadata());
        return new ServerCall.Listener<>()
        {
        };
    }
}
