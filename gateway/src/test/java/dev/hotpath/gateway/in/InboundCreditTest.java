package dev.hotpath.gateway.in;

import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.api.OrderResponse;
import dev.hotpath.gateway.api.OrderStreamResponse;
import dev.hotpath.gateway.out.Outbound;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
        final List<OrderSession> flushes = new ArrayList<>();
        answerAll(session, 32, flushes); // one engine batch answers all 32
        assertEquals(32, call.requested, "answers collected for the batch still count as unanswered");
        session.flush(); // the end of the engine batch: one message, which the transport does not take yet
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

    @Test
    void shouldEndAHalfClosedBatchingStreamOnlyAfterItsLastBatchIsSent()
    {
        final FakeStreamCall<OrderStreamResponse> call = new FakeStreamCall<>();
        call.ready = true;
        final OrderSession session = new OrderSession(call, CAPACITY, out -> { });
        session.credit().received(2);
        session.markBatching();
        session.credit().halfClosed(); // the client sent its last commands
        final List<OrderSession> flushes = new ArrayList<>();
        answerAll(session, 2, flushes);
        assertFalse(call.completed, "not ended while its last answers wait for the end of the engine batch");
        session.flush();
        assertEquals(1, call.sent.size(), "the last batch went out");
        assertEquals(2, call.sent.get(0).getBatch().getEventsList().stream().filter(e -> e.hasResponse()).count());
        assertTrue(call.completed, "then the stream ended");
    }

    /** The responder's side: answers with a report each (reports don't count), collected for the engine batch. */
    private static void answerAll(final OrderSession session, final int answers, final List<OrderSession> flushes)
    {
        for (int i = 0; i < answers; i++)
        {
            session.answer(OrderResponse.newBuilder().setOrderId(i).build(), flushes);
            session.report(ExecutionReport.newBuilder().setOrderId(i).build(), flushes);
        }
    }
}
