package dev.hotpath.reporting.config;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.hotpath.engine.auth.ApiKeys;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The accounts that may call the reporting APIs, from an API-key file in the gateway's format (see the gateway's
 * README, "API keys"): the {@code accounts:} list of {@code {id, name, key}}, in YAML or JSON. Anything else in the
 * file (each account's {@code limits}, the {@code admins}, the rest of a gateway config) is ignored, so the
 * gateway's own config file serves as it is. Keys follow the rules of {@link ApiKeys}; a key names exactly one
 * account, and an account sees only its own trades, positions and order statistics.
 *
 * <p>Immutable; any thread.
 */
public final class AccountDirectory
{
    /** No accounts: every account-scoped call is refused. */
    public static final AccountDirectory EMPTY = new AccountDirectory(List.of());

    private final ApiKeys<Account> keys;

    /**
     * @param accounts the accounts.
     * @throws IllegalArgumentException when a key breaks the rules of {@link ApiKeys}.
     */
    public AccountDirectory(final List<Account> accounts)
    {
        final ApiKeys.Builder<Account> builder = ApiKeys.builder();
        accounts.forEach(account -> builder.add(account.key(), account, "account " + account.id()));
        this.keys = builder.build();
    }

    /**
     * @param file the API-key file (a gateway config will do).
     * @return its accounts.
     * @throws IOException when it cannot be read or parsed, has no accounts list, or a key breaks the rules.
     */
    public static AccountDirectory load(final Path file) throws IOException
    {
        final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        try
        {
            final KeyFile parsed = yaml.readValue(file.toFile(), KeyFile.class);
            if (parsed == null || parsed.accounts() == null)
            {
                throw new IOException(file + ": no \"accounts\" list");
            }
            return new AccountDirectory(parsed.accounts());
        }
        catch (final JacksonException | IllegalArgumentException ex)
        {
            throw new IOException(file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * @param key a key as sent by a client (may be {@code null}).
     * @return its account, if the key is known.
     */
    public Optional<Account> authenticate(final String key)
    {
        return Optional.ofNullable(keys.find(key));
    }

    /**
     * The file's shape, for Jackson: only the accounts list is read.
     *
     * @param accounts the accounts.
     */
    private record KeyFile(List<Account> accounts)
    {
    }
}
