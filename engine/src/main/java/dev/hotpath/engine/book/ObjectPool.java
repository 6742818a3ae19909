package dev.hotpath.engine.book;

import java.util.Arrays;
import java.util.function.Supplier;

/**
 * A stack of reusable objects, filled at construction so that taking and returning objects allocates
 * nothing. When it runs dry it doubles (allocating once, during warm-up, never per command afterwards).
 *
 * <p>Not thread-safe: owned by the matching thread.
 *
 * @param <T> the pooled type.
 */
public final class ObjectPool<T>
{
    private final Supplier<T> factory;
    private Object[] free;
    private int freeCount;
    private int capacity;

    /**
     * @param initialCapacity objects created up front.
     * @param factory         makes one object.
     */
    public ObjectPool(final int initialCapacity, final Supplier<T> factory)
    {
        this.factory = factory;
        this.free = new Object[Math.max(initialCapacity, 16)];
        this.capacity = 0;
        fill(free.length);
    }

    /** @return an object from the pool, whose fields hold whatever its last user left. */
    @SuppressWarnings("unchecked")
    public T acquire()
    {
        if (freeCount == 0)
        {
            fill(capacity);
        }
        final T item = (T)free[--freeCount];
        free[freeCount] = null;
        return item;
    }

    /**
     * Gives an object back. It must have come from {@link #acquire()} and must not be used after.
     *
     * @param item the object.
     */
    public void release(final T item)
    {
        free[freeCount++] = item;
    }

    /** @return how many objects the pool has made in all. */
    public int capacity()
    {
        return capacity;
    }

    private void fill(final int count)
    {
        if (free.length < capacity + count)
        {
            free = Arrays.copyOf(free, capacity + count);
        }
        for (int i = 0; i < count; i++)
        {
            free[freeCount++] = factory.get();
        }
        capacity += count;
    }
}
