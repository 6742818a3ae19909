package dev.hotpath.engine.auth;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Keys find their holder and nobody else's; the rules of a key (16+ characters, unique) hold when building. */
class ApiKeysTest
{
    private static final String ALICE = "alice-key-0001-NOT-SECRET";
    private static final String BOB = "bob-key-0002-NOT-SECRET";

    @Test
    void aKeyFindsItsHolderAndNoOtherKeyDoes()
    {
        final ApiKeys<String> keys = ApiKeys.<String>builder().add(ALICE, "alice", "account 1")
            .add(BOB, "bob", "account 2").build();

        assertEquals(2, keys.size());
        assertEquals("alice", keys.find(ALICE));
        assertEquals("bob", keys.find(BOB));
        assertNull(keys.find(ALICE + " "), "a longer key");
        assertNull(keys.find(ALICE.substring(1)), "a shorter key");
        assertNull(keys.find(ALICE.toUpperCase()), "keys are case-sensitive");
        assertNull(keys.find(""));
        assertNull(keys.find(null), "no key");
        assertNull(ApiKeys.none().find(ALICE));
    }

    @Test
    void shortMissingAndSharedKeysAreRefused()
    {
        final IllegalArgumentException shortKey = assertThrows(IllegalArgumentException.class,
            () -> ApiKeys.builder().add("fifteen-chars-x", "x", "account 7"));
        assertEquals("account 7 needs a key of 16+ characters", shortKey.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiKeys.builder().add(null, "x", "account 7"));
        final IllegalArgumentException shared = assertThrows(IllegalArgumentException.class,
            () -> ApiKeys.builder().add(ALICE, "alice", "account 1").add(ALICE, "mallory", "account 9"));
        assertEquals("account 9's key is already in use (keys must be unique)", shared.getMessage());
        assertEquals(1, ApiKeys.builder().add("sixteen-chars-xx", "x", "account 8").build().size());
    }
}
