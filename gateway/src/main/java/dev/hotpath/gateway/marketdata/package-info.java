/**
 * Market data: the MarketData RPCs ({@link dev.hotpath.gateway.marketdata.MarketDataService}: instruments, book
 * snapshots, book and trade subscriptions), served from the gateway's own projection of each book
 * ({@link dev.hotpath.gateway.marketdata.BookView}), built only from the engine's level-change events: the gateway
 * never reaches into the engine's books.
 *
 * <p>Threads: the RPCs run on the transport threads; the responder ({@link dev.hotpath.gateway.out.Responder})
 * applies each level change to its book and sends it to the book's subscribers, and feeds the trade subscribers;
 * the starting thread restores the books from a snapshot before serving. One lock per book makes a subscriber's
 * snapshot and its first change follow each other without a gap or an overlap.
 */
package dev.hotpath.gateway.marketdata;
