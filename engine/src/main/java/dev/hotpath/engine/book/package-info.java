/**
 * The order book data structures, storage only (the matching rules live in {@code dev.hotpath.engine.matching}): an
 * {@link dev.hotpath.engine.book.OrderBook} per instrument has two {@link dev.hotpath.engine.book.BookSide}s of
 * {@link dev.hotpath.engine.book.PriceLevel}s, each a FIFO queue of {@link dev.hotpath.engine.book.Order}s taken from
 * an {@link dev.hotpath.engine.book.ObjectPool}, so steady-state trading allocates nothing. Everything here is owned
 * by the engine's matching thread: no other thread may read or write it, and nothing is locked.
 */
package dev.hotpath.engine.book;
