package dev.hotpath.reporting.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The H2 setting the exactly-once ingest rests on: no background writer, so the file only ever holds whole
 * committed transactions (see {@link Database#crashSafe(String)} and {@code ReportingRestartIT}).
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
}
