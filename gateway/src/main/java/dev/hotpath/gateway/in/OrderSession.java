package dev.hotpath.gateway.in;

import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.ResponseBatch;
import dev.hotpath.gateway.out.Outbound;
import dev.hotpath.gateway.out.Responder;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;

/**
 * One OrderStream: where its answers and its orders' later reports go, and how fast it reads the client's
 * commands ({@link InboundCredit}).
 *
 * <p>A stream that has sent a batch of commands gets its messages batched too: the responder collects everything
 * one engine batch produced for the stream (answers and reports, in order) and sends it as one message when the
 * engine batch ends ({@link #flush}). Other streams get one message per answer or report.
 *
 * <p>Threads: {@link #markBatching} and {@link #respond} (answers the gateway gives itself) on the stream's
 * transport thread; {@link #answer}, {@link #report} and {@link #flush} on the responder thread, which alone
 * touches the batch being collected (they are public for the {@link Responder} only); {@link #fail} on either.
 */
public final class OrderSession implements ResponseTarget
{
    /** The most answers and reports one batched message carries (a few hundred bytes each). */
    static final int MAX_EVENTS_PER_MESSAGE = 1000;
    private final Outbound<OrderStreamResponse> out;
    private final InboundCredit credit;
    private volatile boolean batching;
    // responder thread: the batch being collected, and whether the responder must flush it
    private ResponseBatch.Builder batch;
    /**
     * The answers in the batch being collected. They count as unanswered in the stream's inbound credit until the
     * batch is queued, and then as the queued message's weight, so that a batching stream holds as few results in
     * memory as a single one.
     */
    private int batchAnswers;
    private boolean dirty;

    /**
     * Call while the RPC's handler runs (it sets the call's handlers).
     *
     * @param call     the stream.
     * @param capacity messages queued at most before the client counts as too slow.
     * @param onClosed told once when the stream ends.
     */
    OrderSession(final ServerCallStreamObserver<OrderStreamResponse> call, final int capacity,
        final java.util.function.Consumer<Outbound<OrderStreamResponse>> onClosed)
    {
        this.out = new Outbound<>(call, capacity, onClosed);
        this.credit = new InboundCredit(call, out);
    }

    /** @return the stream's outbound side. */
    Outbound<OrderStreamResponse> out()
    {
        return out;
    }

    /** @return the stream's inbound flow control. */
    InboundCredit credit()
    {
        return credit;
    }

    /** The client sent a batch: from now on its messages are batched too. Transport thread. */
    void markBatching()
    {
        batching = true;
    }

    /**
     * An answer the gateway gives itself (a refusal, an unknown order), at once. Transport thread.
     *
     * @param response the answer.
     */
    @Override
    public void respond(final OrderResponse response)
    {
        final OrderStreamResponse message = OrderStreamResponse.newBuilder().setResponse(response).build();
        if (batching)
        {
            out.offer(OrderStreamResponse.newBuilder().setBatch(ResponseBatch.newBuilder().addEvents(message)).build());
        }
        else
        {
            out.offer(message);
        }
        credit.answered(1);
    }

    /**
     * The engine's answer to one of the stream's commands. Responder thread.
     *
     * @param response the answer.
     * @param flushes  where a batching stream puts itself to be flushed at the end of the engine batch.
     */
    public void answer(final OrderResponse response, final java.util.List<OrderSession> flushes)
    {
        add(OrderStreamResponse.newBuilder().setResponse(response).build(), true, flushes);
    }

    /**
     * A later report of an order the stream placed. Responder thread.
     *
     * @param report  the report.
     * @param flushes as for {@link #answer}.
     */
    public void report(final ExecutionReport report, final java.util.List<OrderSession> flushes)
    {
        add(OrderStreamResponse.newBuilder().setReport(report).build(), false, flushes);
    }

    private void add(final OrderStreamResponse message, final boolean answer,
        final java.util.List<OrderSession> flushes)
    {
        if (!batching)
        {
            out.offer(message);
            if (answer)
            {
                credit.answered(1);
            }
            return;
        }
        if (batch == null)
        {
            batch = ResponseBatch.newBuilder();
        }
        batch.addEvents(message);
        if (answer)
        {
            batchAnswers++;
        }
        if (batch.getEventsCount() >= MAX_EVENTS_PER_MESSAGE)
        {
            send(); // a long engine batch goes out in several messages, each well under gRPC's 4 MiB limit
            return;
        }
        if (!dirty)
        {
            dirty = true;
            flushes.add(this);
        }
    }

    /** Sends what the engine batch produced for this stream as one message. Responder thread. */
    public void flush()
    {
        dirty = false;
        send();
    }

    private void send()
    {
        if (batch != null && batch.getEventsCount() > 0)
        {
            // queued first, then counted as answered: the credit never sees the answers in neither place, and a
            // half-closed stream ends only after this message
            final int answers = batchAnswers;
            out.offer(OrderStreamResponse.newBuilder().setBatch(batch).build(), Math.max(1, answers));
            batch.clear();
            batchAnswers = 0;
            if (answers > 0)
            {
                credit.answered(answers);
            }
        }
    }

    /** @return true once the stream has ended. */
    boolean isClosed()
    {
        return out.isClosed();
    }

    /**
     * Ends the stream.
     *
     * @param status how.
     */
    void close(final Status status)
    {
        out.close(status);
    }
}
