package dev.hotpath.loadgen;

import dev.hotpath.workloads.CommandBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FlowFileTest
{
    @Test
    void roundTripsAGeneratedFlow(@TempDir final Path dir)
    {
        for (final String w : new String[]{"W1", "W3", "W4"})
        {
            final CommandFlow flow = CommandFlow.generate(CommandFlow.spec(w, 0, 0), 7, 5_000);
            final Path file = dir.resolve(w + ".jsonl");
            FlowFile.write(flow, file);
            final CommandFlow back = FlowFile.read(file);
            assertSame(flow.prefill(), back.prefill());
            assertSame(flow.commands(), back.commands());
        }
    }

    @Test
    void roundTripsStopsTimesToLiveIcebergsAndMassCancelsAndRefusesBadOnes() throws IOException
    {
        final String text = "{\"cmd\":\"P\",\"order\":1,\"account\":7,\"instrument\":0,\"side\":\"S\",\"type\":\"T\"," +
            "\"price\":99000,\"qty\":10,\"stop\":99500,\"ttl_ms\":500}\n" +
            "{\"cmd\":\"P\",\"order\":2,\"account\":7,\"instrument\":0,\"side\":\"B\",\"type\":\"S\",\"qty\":10," +
            "\"stop\":101000}\n" +
            "{\"cmd\":\"M\",\"account\":7,\"instrument\":0,\"side\":\"B\"}\n{\"cmd\":\"M\",\"account\":8}\n" +
            "{\"cmd\":\"P\",\"order\":3,\"account\":7,\"instrument\":0,\"side\":\"B\",\"type\":\"L\"," +
            "\"price\":98000,\"qty\":50,\"display\":10}\n";
        final CommandBatch prefill = new CommandBatch(16);
        final CommandBatch commands = new CommandBatch(16);
        FlowFile.read("t.jsonl", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), prefill, commands);
        assertEquals(5, commands.size());
        assertEquals(10, commands.displayQuantity(4), "an iceberg");
        assertEquals(99_500, commands.stopPrice(0));
        assertEquals(500_000_000L, commands.timeToLiveNs(0));
        assertEquals(101_000, commands.stopPrice(1));
        assertEquals(CommandBatch.MASS_CANCEL, commands.type(2));
        assertEquals(0, commands.instrumentId(2));
        assertEquals((byte)'B', commands.side(2));
        assertEquals(-1, commands.instrumentId(3), "all instruments");
        assertEquals(0, commands.side(3), "both sides");

        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        FlowFile.write(prefill, commands, out);
        final CommandBatch again = new CommandBatch(16);
        FlowFile.read("again.jsonl", new ByteArrayInputStream(out.toByteArray()), new CommandBatch(16), again);
        assertTrue(commands.sameCommandsAs(again), out.toString(StandardCharsets.UTF_8));

        assertTrue(bad("{\"cmd\":\"P\",\"order\":1,\"account\":7,\"instrument\":0,\"side\":\"B\",\"type\":\"L\"," +
            "\"price\":100,\"qty\":1,\"stop\":99}\n").getMessage().contains("stop"), "a stop price on a limit order");
        assertTrue(bad("{\"cmd\":\"P\",\"order\":1,\"account\":7,\"instrument\":0,\"side\":\"B\",\"type\":\"S\"," +
            "\"qty\":1}\n").getMessage().contains("stop"), "a stop without its stop price");
        assertTrue(bad("{\"cmd\":\"M\",\"account\":7,\"side\":\"X\"}\n").getMessage().contains("side"));
        assertTrue(bad("{\"cmd\":\"P\",\"order\":1,\"account\":7,\"instrument\":0,\"side\":\"B\",\"type\":\"L\"," +
            "\"price\":100,\"qty\":5,\"display\":-1}\n").getMessage().contains("display"));
    }

    private static void assertSame(final CommandBatch a, final CommandBatch b)
    {
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++)
        {
            final int n = i;
            final String at = "command " + i;
            assertEquals(a.type(n), b.type(n), at);
            assertEquals(a.orderId(n), b.orderId(n), at);
            assertEquals(a.accountId(n), b.accountId(n), at);
            if (a.type(n) == CommandBatch.PLACE)
            {
                assertEquals(a.instrumentId(n), b.instrumentId(n), at);
                assertEquals(a.side(n), b.side(n), at);
                assertEquals(a.orderType(n), b.orderType(n), at);
                assertEquals(a.quantity(n), b.quantity(n), at);
                assertEquals(a.stopPrice(n), b.stopPrice(n), at);
                assertEquals(a.timeToLiveNs(n), b.timeToLiveNs(n), at);
                assertEquals(a.displayQuantity(n), b.displayQuantity(n), at);
                if (a.orderType(n) != 'M')
                {
                    assertEquals(a.price(n), b.price(n), at);
                }
            }
            else if (a.type(n) == CommandBatch.AMEND)
            {
                assertEquals(a.price(n), b.price(n), at);
                assertEquals(a.quantity(n), b.quantity(n), at);
            }
        }
    }

    private static FlowFile.FlowFormatException bad(final String text)
    {
        return assertThrows(FlowFile.FlowFormatException.class, () -> FlowFile.read("t.jsonl",
            new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), new CommandBatch(16),
            new CommandBatch(16)));
    }

    @Test
    void aBadLineIsReportedWithItsNumber()
    {
        final String good = "{\"cmd\":\"P\",\"order\":1,\"account\":7,\"instrument\":0,\"side\":\"B\",\"type\":\"L\"," +
            "\"price\":100000,\"qty\":30}\n{\"cmd\":\"C\",\"order\":1,\"account\":7}\n";
        FlowFile.FlowFormatException ex = bad(good + "{\"cmd\":\"A\",\"order\":1,\"account\":7,\"price\":5}\n");
        assertEquals(3, ex.line());
        assertTrue(ex.getMessage().startsWith("t.jsonl:3: ") && ex.getMessage().contains("qty"), ex.getMessage());

        ex = bad(good + good + "{\"cmd\":\"C\",\"order\":1,\"account\": }\n");
        assertEquals(5, ex.line());

        ex = bad(good + "{\"cmd\":\"X\",\"order\":1,\"account\":7}\n");
        assertEquals(3, ex.line());
        assertTrue(ex.getMessage().contains("unknown cmd"), ex.getMessage());

        ex = bad(good + "\n\n[1,2]\n");
        assertEquals(5, ex.line());

        ex = bad("{\"cmd\":\"C\",\"order\":\"one\",\"account\":7}\n");
        assertEquals(1, ex.line());
    }

    @Test
    void readsALargeFlowBackWholeEveryTime()
    {
        // the rate is ./hotpath loadgen flow-read-rate's to measure; a unit test checks only that nothing is lost
        final CommandFlow flow = CommandFlow.generate(CommandFlow.spec("W1", 0, 0), 1, 50_000);
        final FlowReadRate.Result result = FlowReadRate.measure(flow, 2);

        assertEquals(flow.prefill().size() + flow.commands().size(), result.records());
        assertEquals(2, result.rounds());
        assertThrows(IllegalArgumentException.class, () -> FlowReadRate.measure(flow, 0));
    }
}
