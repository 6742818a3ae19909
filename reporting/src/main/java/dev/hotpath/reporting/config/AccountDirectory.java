package dev.hotpath.reporting.config;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The accounts that may call the reporting APIs, from a JSON file:
 * <pre>{"accounts": [{"id": 1, "name": "alice", "key": "alice-secret"}]}</pre>
 * A key names exactly one account; an account sees only its own trades, positions and order statistics.
 *
 * <p>Immutable; any thread.
 */
public final class AccountDirectory
{
    /** No accounts: every account-scoped call is refused. */
    public static final AccountDirectory EMPTY = new AccountDirectory(List.of());

    private final Map<String, Account> byKey = new HashMap<>();

    /**
     * @param accounts the accounts.
     * @throws IllegalArgumentException when a key is blank or used twice.
     */
    public AccountDirectory(final List<Account> accounts)
    {
        for (final Account account : accounts)
        {
            if (account.key() == null || account.key().isBlank())
            {
                throw new IllegalArgumentException("account " + account.id() + " has no key");
            }
            if (byKey.put(account.key(), account) != null)
            {
                throw new IllegalArgumentException("two accounts share a key (account " + account.id() + ")");
            }
        }
    }

    /**
     * @param file the JSON file.
     * @return its accounts.
     * @throws IOException when it cannot be read or parsed.
     */
    public static AccountDirectory load(final Path file) throws IOException
    {
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            final FileFormat parsed = new Gson().fromJson(in, FileFormat.class);
            if (parsed == null || parsed.accounts == null)
            {
                throw new IOException(file + ": no \"accounts\" list");
            }
            return new AccountDirectory(parsed.accounts);
        }
        catch (final JsonParseException | IllegalArgumentException ex)
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
        if (key == null)
        {
            return Optional.empty();
        }
        final Account account = byKey.get(key);
        // the map finds the candidate; a constant-time compare decides, so timing tells nothing of the key
        return account != null && MessageDigest.isEqual(account.key().getBytes(StandardCharsets.UTF_8),
            key.getBytes(StandardCharsets.UTF_8)) ? Optional.of(account) : Optional.empty();
    }

    /** The file's shape, for Gson. */
    private static final class FileFormat
    {
        List<Account> accounts;
    }
}
