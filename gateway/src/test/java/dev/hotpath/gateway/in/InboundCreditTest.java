package dev.hotpath.gateway.in;

import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.api.ResponseBatch;
import dev.hotpath.gateway.out.Outbound;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An OrderStream's inbound credit: commands requested, unanswered and answered-but-queued stay under half the
 * queue's capacity, counting the answers a batched message carries, not the messages.
 */
class InboundCreditTest
{
    private static final int CAPACITY = 64; // credit: 32 commands

    @Test
    void shouldCountTheAnswersOfQueuedBatchedMessagesAgainstTheCredit()
    {
        final FakeStreamCall<OrderStreamResponse> call = new FakeStreamCall<>();
        final OrderSession session = new OrderSession(call, CAPACITY, out -> { });
        assertEquals(32, call.requested, "an idle stream asks for its whole credit");
        for (int i = 0; i < 32; i++)
        {
            session.credit().received(1);
        }
        session.markBatching();
        session.out().offer(batchOf(32)); // one engine batch answers all 32; the transport does not take it yet
        session.credit().answered(32);
        assertEquals(1, session.out().queued());
        assertEquals(32, session.out().queuedWeight(), "the queued message carries 32 answers");
        assertEquals(32, call.requested, "32 answers queued fill the credit: no more commands are read (counting " +
            "the one message instead would read 31 more, and a client that does not read would fill the memory)");

        call.becomeReady(); // the client reads again: the message goes, and the credit comes back
        assertEquals(0, session.out().queuedWeight());
        assertEquals(1, call.sent.size());
        assertEquals(64, call.requested, "the whole credit is asked for again");
    }

    @Test
    void shouldCountASingleMessageAsOne()
    {
        final FakeStreamCall<OrderStreamResponse> call = new FakeStreamCall<>();
        final Outbound<OrderStreamResponse> out = new OrderSession(call, CAPACITY, o -> { }).out();
        out.offer(OrderStreamResponse.newBuilder().setResponse(OrderResponse.newBuilder().setOrderId(1)).build());
        assertEquals(1, out.queuedWeight());
        call.becomeReady();
        assertEquals(0, out.queuedWeight());
    }

    private static OrderStreamResponse batchOf(final int answers)
    {
        final List<OrderStreamResponse> events = new ArrayList<>();
        for (int i = 0; i < answers; i++)
        {
            events.add(OrderStreamResponse.newBuilder().setResponse(OrderResponse.newBuilder().setOrderId(i)).build());
            events.add(OrderStreamResponse.newBuilder().setReport(
                dev.hotpath.gateway.api.ExecutionReport.newBuilder().setOrderId(i)).build()); // reports don't count
        }
        return OrderStreamResponse.newBuilder().setBatch(ResponseBatch.newBuilder().addAllEvents(events)).build();
    }
}
