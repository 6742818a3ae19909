package dev.hotpath.engine.auth;

import io.grpc.Context;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An admitted key reaches the service with its holder in the context; a key with rights elsewhere is
 * PERMISSION_DENIED, a missing or unknown one UNAUTHENTICATED, and neither reaches the service.
 */
class ApiKeyInterceptorTest
{
    private static final Context.Key<String> CALLER = Context.key("test-caller");
    private static final String TRADER = "trader-key-0001-NOT-SECRET";
    private static final String ADMIN = "admin-key-0001-NOT-SECRET";

    private final ApiKeys<String> traders = ApiKeys.<String>builder().add(TRADER, "alice", "account 1").build();
    private final ApiKeys<String> admins = ApiKeys.<String>builder().add(ADMIN, "ops", "admin ops").build();
    private final List<Status> refused = new ArrayList<>();
    private final ApiKeyInterceptor<String> interceptor = new ApiKeyInterceptor<>(CALLER, traders::find,
        key -> admins.find(key) != null, "admin keys cannot trade", refused::add);

    @Test
    void anAdmittedKeyReachesTheServiceWithItsHolder()
    {
        final Outcome outcome = call(interceptor, TRADER);

        assertEquals("alice", outcome.callerSeenByService);
        assertNull(outcome.call.closedWith);
        assertEquals(List.of(), refused);
    }

    @Test
    void aKeyWithRightsElsewhereIsPermissionDenied()
    {
        final Outcome outcome = call(interceptor, ADMIN);

        assertFalse(outcome.serviceCalled);
        assertEquals(Status.Code.PERMISSION_DENIED, outcome.call.closedWith.getCode());
        assertEquals("admin keys cannot trade", outcome.call.closedWith.getDescription());
        assertEquals(List.of(outcome.call.closedWith), refused);
    }

    @Test
    void aMissingOrUnknownKeyIsUnauthenticated()
    {
        final Outcome missing = call(interceptor, null);
        final Outcome unknown = call(interceptor, "stranger-key-0001-NOT-SECRET");

        assertFalse(missing.serviceCalled || unknown.serviceCalled);
        assertEquals(Status.Code.UNAUTHENTICATED, missing.call.closedWith.getCode());
        assertEquals("missing x-api-key metadata", missing.call.closedWith.getDescription());
        assertEquals(Status.Code.UNAUTHENTICATED, unknown.call.closedWith.getCode());
        assertEquals("unknown API key", unknown.call.closedWith.getDescription());
        assertEquals(2, refused.size());
    }

    @Test
    void withoutOtherRightsEveryKeyNotAdmittedIsUnauthenticated()
    {
        final Outcome outcome = call(new ApiKeyInterceptor<>(CALLER, traders::find), ADMIN);

        assertFalse(outcome.serviceCalled);
        assertEquals(Status.Code.UNAUTHENTICATED, outcome.call.closedWith.getCode());
        assertTrue(call(new ApiKeyInterceptor<>(CALLER, traders::find), TRADER).serviceCalled);
    }

    private static Outcome call(final ApiKeyInterceptor<String> interceptor, final String key)
    {
        final Metadata headers = new Metadata();
        if (key != null)
        {
            headers.put(ApiKeyInterceptor.API_KEY, key);
        }
        final Outcome outcome = new Outcome();
        interceptor.interceptCall(outcome.call, headers, (call, h) ->
        {
            outcome.serviceCalled = true;
            outcome.callerSeenByService = CALLER.get();
            return new ServerCall.Listener<>()
            {
            };
        });
        return outcome;
    }

    /** What became of one call. */
    private static final class Outcome
    {
        final RecordingCall call = new RecordingCall();
        boolean serviceCalled;
        String callerSeenByService;
    }

    /** A call that records how it was closed. */
    private static final class RecordingCall extends ServerCall<InputStream, InputStream>
    {
        Status closedWith;

        @Override
        public void request(final int numMessages)
        {
        }

        @Override
        public void sendHeaders(final Metadata headers)
        {
        }

        @Override
        public void sendMessage(final InputStream message)
        {
        }

        @Override
        public void close(final Status status, final Metadata trailers)
        {
            closedWith = status;
        }

        @Override
        public boolean isCancelled()
        {
            return false;
        }

        @Override
        public MethodDescriptor<InputStream, InputStream> getMethodDescriptor()
        {
            return null;
        }
    }
}
