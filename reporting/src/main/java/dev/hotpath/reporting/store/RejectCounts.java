package dev.hotpath.reporting.store;

import java.util.HashMap;
import java.util.Map;

/**
 * Which accounts' reject counts a writer has to rewrite: those whose number of rejects differs from what it last
 * committed. Rejects are rare, order statistics rows change in nearly every batch, so this saves rewriting the
 * {@code order_rejects} rows of every active account in every batch.
 *
 * <p>Mutable; owned by the writer thread.
 */
final class RejectCounts
{
    private final Map<Long, Long> stored = new HashMap<>();
    private final Map<Long, Long> pending = new HashMap<>();

    /**
     * @param accountId the account.
     * @param rejected  its number of rejects after the batch.
     * @return true when its reject rows must be rewritten in this batch (remembered until the commit).
     */
    boolean changed(final long accountId, final long rejected)
    {
        final Long last = stored.get(accountId);
        if (last != null && last == rejected)
        {
            return false;
        }
        pending.put(accountId, rejected);
        return true;
    }

    /** The batch committed: what it wrote is now stored. */
    void committed()
    {
        stored.putAll(pending);
        pending.clear();
    }

    /** The batch rolled back: nothing it wrote is stored. */
    void rolledBack()
    {
        pending.clear();
    }
}
