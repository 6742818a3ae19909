package dev.hotpath.reporting.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The API-key file is the gateway's format: the shipped gateway config loads as it is (limits, admins and the rest
 * ignored), the JSON form too, and keys follow the gateway's rules.
 */
class AccountDirectoryTest
{
    @TempDir
    Path dir;

    @Test
    void theShippedGatewayConfigIsAKeyFile() throws IOException
    {
        final AccountDirectory accounts = AccountDirectory.load(Path.of("..", "config", "hotpath.yaml"));

        assertEquals(Optional.of(new Account(1, "alice", "demo-key-alice-0001-NOT-SECRET")),
            accounts.authenticate("demo-key-alice-0001-NOT-SECRET"));
        assertEquals(3, accounts.authenticate("demo-key-carol-0003-NOT-SECRET").orElseThrow().id(),
            "an account with limits of its own");
        assertTrue(accounts.authenticate("demo-admin-key-0001-NOT-SECRET").isEmpty(), "admins are not accounts");
        assertTrue(accounts.authenticate(null).isEmpty());
    }

    @Test
    void theJsonFormReadsTheSame() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("accounts.json"),
            "{\"accounts\": [{\"id\": 2, \"name\": \"bob\", \"key\": \"test-key-0002-NOT-SECRET\"}]}");

        assertEquals(2, AccountDirectory.load(file).authenticate("test-key-0002-NOT-SECRET").orElseThrow().id());
    }

    @Test
    void aFileThatBreaksTheRulesIsRefusedWithItsName() throws IOException
    {
        final Path shortKey = Files.writeString(dir.resolve("short.yaml"),
            "accounts:\n  - {id: 1, name: alice, key: too-short}\n");
        final Path shared = Files.writeString(dir.resolve("shared.yaml"),
            "accounts:\n  - {id: 1, name: a, key: test-key-0001-NOT-SECRET}\n"
                + "  - {id: 2, name: b, key: test-key-0001-NOT-SECRET}\n");
        final Path none = Files.writeString(dir.resolve("none.yaml"), "admins: []\n");

        assertEquals(shortKey + ": account 1 needs a key of 16+ characters",
            assertThrows(IOException.class, () -> AccountDirectory.load(shortKey)).getMessage());
        assertEquals(shared + ": account 2's key is already in use (keys must be unique)",
            assertThrows(IOException.class, () -> AccountDirectory.load(shared)).getMessage());
        assertEquals(none + ": no \"accounts\" list",
            assertThrows(IOException.class, () -> AccountDirectory.load(none)).getMessage());
    }
}
