package dev.hotpath.gateway.in;

import io.grpc.stub.ServerCallStreamObserver;

import java.util.ArrayList;
import java.util.List;

/**
 * A server stream for unit tests: records what is sent and requested; the test says when the transport is ready
 * and runs the ready handler. Test thread only.
 *
 * @param <T> the message type.
 */
final class FakeStreamCall<T> extends ServerCallStreamObserver<T>
{
    final List<T> sent = new ArrayList<>();
    int requested;
    boolean ready;
    boolean completed;
    private Runnable onReady = () -> { };

    /** The transport takes messages again: gRPC would run the ready handler now. */
    void becomeReady()
    {
        ready = true;
        onReady.run();
    }

    @Override
    public boolean isReady()
    {
        return ready;
    }

    @Override
    public void setOnReadyHandler(final Runnable handler)
    {
        onReady = handler;
    }

    @Override
    public void request(final int count)
    {
        requested += count;
    }

    @Override
    public void onNext(final T value)
    {
        sent.add(value);
    }

    @Override
    public boolean isCancelled()
    {
        return false;
    }

    @Override
    public void setOnCancelHandler(final Runnable handler)
    {
    }

    @Override
    public void setCompression(final String compression)
    {
    }

    @Override
    public void disableAutoRequest()
    {
    }

    @Override
    @SuppressWarnings("deprecation")
    public void disableAutoInboundFlowControl()
    {
    }

    @Override
    public void setMessageCompression(final boolean enable)
    {
    }

    @Override
    public void onError(final Throwable t)
    {
    }

    @Override
    public void onCompleted()
    {
        completed = true;
    }
}
