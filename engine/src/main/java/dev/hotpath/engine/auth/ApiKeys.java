package dev.hotpath.engine.auth;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.Map;

/**
 * API keys and whom each one names (an account, an admin): the one place the rules of a key are kept (at least
 * {@link #MIN_KEY_LENGTH} characters, each key naming one holder) and the one way a presented key is looked up.
 * The lookup finds the key's SHA-256 digest, not the key: how long it takes depends on the digest only, so timing
 * calls tells a caller nothing about the keys held, and no key's bytes are ever compared with a guess.
 *
 * <p>Immutable once built; any thread. A {@link Builder} belongs to the thread that builds it.
 *
 * @param <P> who a key names.
 */
public final class ApiKeys<P>
{
    /** The shortest key accepted: 16 characters, so that keys cannot be guessed by trying them. */
    public static final int MIN_KEY_LENGTH = 16;

    private static final ApiKeys<?> NONE = new ApiKeys<>(Map.of());

    private final Map<ByteBuffer, P> byDigest;

    private ApiKeys(final Map<ByteBuffer, P> byDigest)
    {
        this.byDigest = Map.copyOf(byDigest);
    }

    /**
     * @param <P> who a key would name.
     * @return no keys: every lookup finds nobody.
     */
    @SuppressWarnings("unchecked")
    public static <P> ApiKeys<P> none()
    {
        return (ApiKeys<P>)NONE;
    }

    /**
     * @param <P> who a key names.
     * @return a builder with no keys yet.
     */
    public static <P> Builder<P> builder()
    {
        return new Builder<>();
    }

    /**
     * @param key a key as a caller presented it, or {@code null} when it sent none.
     * @return whom it names, or {@code null} when nobody (or no key).
     */
    public P find(final String key)
    {
        return key == null ? null : byDigest.get(digest(key));
    }

    /** @return how many keys there are. */
    public int size()
    {
        return byDigest.size();
    }

    private static ByteBuffer digest(final String key)
    {
        try
        {
            return ByteBuffer.wrap(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        }
        catch (final NoSuchAlgorithmException ex)
        {
            throw new IllegalStateException("every JDK has SHA-256", ex);
        }
    }

    /**
     * Collects keys, checking each against the rules.
     *
     * <p>Not thread-safe; used by the thread that builds the keys.
     *
     * @param <P> who a key names.
     */
    public static final class Builder<P>
    {
        private final Map<ByteBuffer, P> byDigest = new HashMap<>();

        private Builder()
        {
        }

        /**
         * @param key    the key.
         * @param holder whom it names.
         * @param who    the holder as an error message names it, e.g. {@code "account 3"}.
         * @return this builder.
         * @throws IllegalArgumentException when the key is missing, shorter than {@link #MIN_KEY_LENGTH} or already
         *                                  added.
         */
        public Builder<P> add(final String key, final P holder, final String who)
        {
            if (key == null || key.length() < MIN_KEY_LENGTH)
            {
                throw new IllegalArgumentException(who + " needs a key of " + MIN_KEY_LENGTH + "+ characters");
            }
            if (byDigest.putIfAbsent(digest(key), holder) != null)
            {
                throw new IllegalArgumentException(who + "'s key is already in use (keys must be unique)");
            }
            return this;
        }

        /** @return the keys added so far. */
        public ApiKeys<P> build()
        {
            return new ApiKeys<>(byDigest);
        }
    }
}
