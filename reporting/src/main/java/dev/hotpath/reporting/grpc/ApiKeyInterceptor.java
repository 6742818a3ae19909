package dev.hotpath.reporting.grpc;

import dev.hotpath.reporting.config.Account;
import dev.hotpath.reporting.config.AccountDirectory;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Optional;

/**
 * Authenticates every call by its {@code x-api-key} metadata header and puts the caller's {@link Account} in the
 * call's context ({@link #ACCOUNT}); calls without a known key are closed {@code UNAUTHENTICATED} before they
 * reach the service.
 *
 * <p>Immutable; any thread (gRPC's).
 */
public final class ApiKeyInterceptor implements ServerInterceptor
{
    /** The metadata header carrying the key. */
    public static final Metadata.Key<String> API_KEY = Metadata.Key.of("x-api-key", Metadata.ASCII_STRING_MARSHALLER);
    /** The authenticated caller, in the call's context. */
    public static final Context.Key<Account> ACCOUNT = Context.key("hotpath-account");

    private final AccountDirectory accounts;

    /**
     * @param accounts who may call.
     */
    public ApiKeyInterceptor(final AccountDirectory accounts)
    {
        this.accounts = accounts;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        final ServerCall<Q, R> call, final Metadata headers, final ServerCallHandler<Q, R> next)
    {
        final Optional<Account> account = accounts.authenticate(headers.get(API_KEY));
        if (account.isEmpty())
        {
            call.close(Status.UNAUTHENTICATED.withDescription("missing or unknown x-api-key"), new Metadata());
            return new ServerCall.Listener<>()
            {
            };
        }
        return Contexts.interceptCall(Context.current().withValue(ACCOUNT, account.get()), call, headers, next);
    }
}
