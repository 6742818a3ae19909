package dev.hotpath.gateway.auth;

import dev.hotpath.gateway.api.ExecutionReport;
import dev.hotpath.gateway.in.ClientOrder;
import dev.hotpath.gateway.out.Outbound;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One account as the gateway sees it.
 *
 * <p>Thread-safe: the fields are concurrent collections or immutable.
 *
 * @param id            the engine account id.
 * @param name          its name.
 * @param bucket        its rate limit.
 * @param clientOrderIds client order id → engine order, for its open orders.
 * @param subscribers   its execution report streams.
 */
public record AccountState(
    long id,
    String name,
    TokenBucket bucket,
    ConcurrentHashMap<String, ClientOrder> clientOrderIds,
    CopyOnWriteArrayList<Outbound<ExecutionReport>> subscribers)
{
    /**
     * @param id     the engine account id.
     * @param name   its name.
     * @param bucket its rate limit.
     */
    public AccountState(final long id, final String name, final TokenBucket bucket)
    {
        this(id, name, bucket, new ConcurrentHashMap<>(), new CopyOnWriteArrayList<>());
    }
}
