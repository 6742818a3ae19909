package dev.hotpath.reporting.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The H2 setting the exactly-once ingest rests on: no background writer, so the file only ever holds whole
 * committed transactions (see {@link Database#crashSafe(String)} and {@code ReportingRestartIT}); and a store an
 * older build wrote is refused with what to do.
 */
class DatabaseTest
{
    @TempDir
    Path dir;

    @Test
    void shouldTurnOffTheWriteDelayOfH2Files()
    {
        assertEquals("jdbc:h2:file:/x/db;WRITE_DELAY=0", Database.crashSafe("jdbc:h2:file:/x/db"));
        assertEquals("jdbc:h2:./data/db;AUTO_SERVER=TRUE;WRITE_DELAY=0",
            Database.crashSafe("jdbc:h2:./data/db;AUTO_SERVER=TRUE"));
        assertEquals("jdbc:h2:file:/x/db;write_delay=100", Database.crashSafe("jdbc:h2:file:/x/db;write_delay=100"),
            "an explicit setting is the user's choice");
        assertEquals("jdbc:h2:mem:x", Database.crashSafe("jdbc:h2:mem:x"));
        assertEquals("jdbc:postgresql://host/db", Database.crashSafe("jdbc:postgresql://host/db"));
        assertEquals(Database.crashSafe("jdbc:h2:file:/x/db"),
            Database.crashSafe(Database.crashSafe("jdbc:h2:file:/x/db")), "idempotent");
    }

    @Test
    void shouldLeaveClosingH2FilesToTheirOwnerNotToH2sShutdownHook()
    {
        assertEquals("jdbc:h2:file:/x/db;DB_CLOSE_ON_EXIT=FALSE", Database.closedByItsOwner("jdbc:h2:file:/x/db"));
        assertEquals("jdbc:h2:file:/x/db;db_close_on_exit=true",
            Database.closedByItsOwner("jdbc:h2:file:/x/db;db_close_on_exit=true"), "an explicit setting is kept");
        assertEquals("jdbc:h2:mem:x", Database.closedByItsOwner("jdbc:h2:mem:x"));
        assertEquals("jdbc:postgresql://host/db", Database.closedByItsOwner("jdbc:postgresql://host/db"));
        assertEquals("jdbc:h2:file:/x/db;WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE",
            Database.h2File(Path.of("/x/db")).url());
    }

    @Test
    void shouldStoreInTheCommittingThreadOnly() throws Exception
    {
        final Database db = Database.h2File(dir.resolve("reporting"));
        db.createSchema();
        try (Connection c = db.connect(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery(
                "SELECT SETTING_VALUE FROM INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = 'WRITE_DELAY'"))
        {
            assertTrue(rs.next());
            assertEquals("0", rs.getString(1));
            assertTrue(Thread.getAllStackTraces().keySet().stream()
                    .noneMatch(t -> t.getName().startsWith("MVStore background writer") &&
                    t.getName().contains(dir.toString())),
                "no H2 background writer thread while the database is open");
        }
    }

    @Test
    void shouldRefuseAStoreAnOlderBuildWroteNamingWhatToDo() throws Exception
    {
        final Database db = Database.h2File(dir.resolve("old"));
        try (Connection c = db.connect(); Statement s = c.createStatement())
        {
            s.execute("CREATE TABLE order_stats (account_id BIGINT PRIMARY KEY, placed BIGINT NOT NULL, " +
                "accepted BIGINT NOT NULL, amended BIGINT NOT NULL, rejected BIGINT NOT NULL, filled BIGINT NOT NULL, " +
                "cancelled BIGINT NOT NULL, expired BIGINT NOT NULL, self_trade_prevented BIGINT NOT NULL, " +
                "fills BIGINT NOT NULL)");
        }
        final java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, db::createSchema);
        assertTrue(refused.getMessage().contains("older build") && refused.getMessage().contains("delete it"),
            refused.getMessage());
    }

    @Test
    void shouldReopenItsOwnStoreAndRefuseOneOfAnotherVersion() throws Exception
    {
        final Database own = Database.h2File(dir.resolve("own"));
        own.createSchema();
        own.createSchema(); // a restart: the same build reads its own store
        try (Connection c = own.connect(); Statement s = c.createStatement();
            ResultSet rs = s.executeQuery("SELECT version FROM store_version WHERE id = 1"))
        {
            assertTrue(rs.next());
            assertEquals(Database.STORE_VERSION, rs.getInt(1));
        }

        final Database other = Database.h2File(dir.resolve("other"));
        other.createSchema();
        try (Connection c = other.connect(); Statement s = c.createStatement())
        {
            s.executeUpdate("UPDATE store_version SET version = " + (Database.STORE_VERSION + 1));
        }
        final java.sql.SQLException refused = assertThrows(java.sql.SQLException.class, other::createSchema);
        assertTrue(refused.getMessage().contains("store version " + (Database.STORE_VERSION + 1)) &&
            refused.getMessage().contains("delete it"), refused.getMessage());
    }
}
