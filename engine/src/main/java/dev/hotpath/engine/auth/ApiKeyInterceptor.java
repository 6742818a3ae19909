package dev.hotpath.engine.auth;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Authenticates every call of the gRPC services it is put in front of by the call's {@code x-api-key} metadata:
 * the one interceptor of the gateway (trading services, AdminService) and of reporting. A key that names someone
 * admitted here puts them into the call's {@link Context} under the interceptor's key; a key known to hold other
 * rights (an admin's key at a trading service, or a trader's at AdminService) ends the call with
 * PERMISSION_DENIED; a missing or unknown key with UNAUTHENTICATED. Refused calls never reach the service.
 *
 * <p>Immutable; any gRPC thread.
 *
 * @param <P> who a call is made by (an account, an admin).
 */
public final class ApiKeyInterceptor<P> implements ServerInterceptor
{
    /** The header name of the API key: gRPC metadata, and the HTTP header of reporting's dashboard. */
    public static final String HEADER = "x-api-key";
    /** The metadata key of the API key. */
    public static final Metadata.Key<String> API_KEY = Metadata.Key.of(HEADER, Metadata.ASCII_STRING_MARSHALLER);

    /** Told of every refused call, e.g. to count it; called on the gRPC thread of the call. */
    @FunctionalInterface
    public interface Refusals
    {
        /** Refusals nobody counts. */
        Refusals NONE = status -> { };

        /** @param status PERMISSION_DENIED or UNAUTHENTICATED, with its description. */
        void refused(Status status);
    }

    private final Context.Key<P> caller;
    private final Function<String, P> admitted;
    private final Predicate<String> elsewhere;
    private final String elsewhereDescription;
    private final Refusals refusals;

    /**
     * An interceptor that tells only admitted keys from unknown ones.
     *
     * @param caller   where the admitted caller goes in the call's context.
     * @param admitted whom a key names here ({@code null} when nobody), e.g. {@link ApiKeys#find}.
     */
    public ApiKeyInterceptor(final Context.Key<P> caller, final Function<String, P> admitted)
    {
        this(caller, admitted, key -> false, "", Refusals.NONE);
    }

    /**
     * @param caller               where the admitted caller goes in the call's context.
     * @param admitted             whom a key names here ({@code null} when nobody).
     * @param elsewhere            whether a key not admitted here is known to hold other rights.
     * @param elsewhereDescription the PERMISSION_DENIED description for such a key (what to use instead).
     * @param refusals             told of each refused call.
     */
    public ApiKeyInterceptor(final Context.Key<P> caller, final Function<String, P> admitted,
        final Predicate<String> elsewhere, final String elsewhereDescription, final Refusals refusals)
    {
        this.caller = Objects.requireNonNull(caller);
        this.admitted = Objects.requireNonNull(admitted);
        this.elsewhere = Objects.requireNonNull(elsewhere);
        this.elsewhereDescription = Objects.requireNonNull(elsewhereDescription);
        this.refusals = Objects.requireNonNull(refusals);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(final ServerCall<Q, R> call, final Metadata headers,
        final ServerCallHandler<Q, R> next)
    {
        final String key = headers.get(API_KEY);
        final P who = key == null ? null : admitted.apply(key);
        if (who != null)
        {
            return Contexts.interceptCall(Context.current().withValue(caller, who), call, headers, next);
        }
        final Status status = key != null && elsewhere.test(key) ?
            Status.PERMISSION_DENIED.withDescription(elsewhereDescription) :
            Status.UNAUTHENTICATED.withDescription(key == null ? "missing " + HEADER + " metadata" : "unknown API key");
        refusals.refused(status);
        call.close(status, new Metadata());
        return new ServerCall.Listener<>()
        {
        };
    }
}
