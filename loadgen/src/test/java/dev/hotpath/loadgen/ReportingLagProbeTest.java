package dev.hotpath.loadgen;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.net.ServerSocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReportingLagProbeTest
{
    @Test
    void shouldReadHostAndPortAsTheStatusEndpoint()
    {
        assertEquals("http://127.0.0.1:8080/api/status", ReportingLagProbe.statusUri("127.0.0.1:8080").toString());
        assertEquals("http://reporting.local:9/api/status", ReportingLagProbe.statusUri("reporting.local:9").toString());
    }

    @Test
    void shouldRefuseWhatIsNotHostAndPort()
    {
        for (final String bad : new String[] {"8080", ":8080", "host:", "host:http", "host:0", "host:70000"})
        {
            final IllegalArgumentException ex =
                assertThrows(IllegalArgumentException.class, () -> ReportingLagProbe.statusUri(bad), bad);
            assertTrue(ex.getMessage().contains("--reporting"), ex.getMessage());
        }
    }

    @Test
    @Timeout(30)
    void shouldFailBeforeAnyStepWhenNothingAnswers() throws IOException
    {
        final int port;
        try (ServerSocket free = new ServerSocket(0))
        {
            port = free.getLocalPort(); // closed again: nothing listens there now
        }
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> new ReportingLagProbe("127.0.0.1:" + port).close());
        assertTrue(ex.getMessage().contains("gave no lag"), ex.getMessage());
    }

    @Test
    @Timeout(60)
    void loadgenSaysWhatIsWrongWithTheAddressAndRunsNoStep()
    {
        assertEquals(2, LoadgenMain.execute("engine", "--reporting", "nohost", "--rates", "1k", "--duration", "100ms",
            "--warmup", "0s", "--no-progress"));
    }
}
