package dev.hotpath.reporting.config;

/**
 * An account that may call the reporting APIs, and the key it calls with.
 *
 * <p>Immutable; any thread.
 *
 * @param id   the engine account id.
 * @param name a human name.
 * @param key  its API key (sent as {@code x-api-key}).
 */
public record Account(long id, String name, String key)
{
    @Override
    public String toString()
    {
        return "Account{id=" + id + ", name=" + name + "}";
    }
}
