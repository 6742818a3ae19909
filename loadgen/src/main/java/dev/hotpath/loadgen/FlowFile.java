package dev.hotpath.loadgen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.hotpath.engine.api.Command;
import dev.hotpath.engine.api.OrderType;
import dev.hotpath.engine.api.Side;
import dev.hotpath.workloads.CommandBatch;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Records and replays flows as JSON Lines, one command per line:
 *
 * <pre>
 * {"cmd":"P","order":1,"account":7,"instrument":0,"side":"B","type":"L","price":100000,"qty":30,"prefill":true}
 * {"cmd":"A","order":1,"account":7,"price":100001,"qty":30}
 * {"cmd":"C","order":1,"account":7}
 * {"cmd":"P","order":2,"account":7,"instrument":0,"side":"S","type":"T","price":99000,"qty":10,"stop":99500,"ttl_ms":500}
 * {"cmd":"P","order":3,"account":7,"instrument":0,"side":"B","type":"L","price":98000,"qty":50,"display":10}
 * {"cmd":"M","account":7,"instrument":0,"side":"B"}
 * </pre>
 *
 * {@code cmd} is the command type's code (P place, C cancel, A amend, M mass cancel), {@code side} and {@code type}
 * the codes of {@link Side} and {@link OrderType} (S stop, T stop-limit among them); a new order may carry a
 * {@code stop} price, a {@code ttl_ms} (it expires that long after it is sent) and a {@code display} quantity (an
 * iceberg); a mass cancel names the account
 * and optionally one instrument and one side (all and both when left out); {@code prefill: true} marks the commands that build the books (sent before
 * the measured ones, not measured). Reading streams with Jackson's {@link JsonParser} and stops at the first
 * bad line with a {@link FlowFormatException} naming it.
 *
 * <p>Stateless; any thread.
 */
public final class FlowFile
{
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** A line of a flow file that is not a valid command. */
    public static final class FlowFormatException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;
        /** The bad line's number, from 1. */
        private final long line;

        FlowFormatException(final String source, final long line, final String message, final Throwable cause)
        {
            super(source + ":" + line + ": " + message, cause);
            this.line = line;
        }

        /** @return the bad line's number, from 1. */
        public long line()
        {
            return line;
        }
    }

    private FlowFile()
    {
    }

    /**
     * @param flow the flow.
     * @param file where to write it (replaced).
     */
    public static void write(final CommandFlow flow, final Path file)
    {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))
        {
            write(flow.prefill(), flow.commands(), out);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
    }

    /**
     * @param prefill  the prefill commands (marked {@code "prefill":true}).
     * @param commands the measured commands.
     * @param out      receives the lines.
     * @throws IOException when writing fails.
     */
    public static void write(final CommandBatch prefill, final CommandBatch commands, final OutputStream out)
        throws IOException
    {
        try (JsonGenerator gen = JSON.createGenerator(out))
        {
            gen.setPrettyPrinter(new MinimalPrettyPrinter("\n"));
            writeBatch(gen, prefill, true);
            writeBatch(gen, commands, false);
            gen.writeRaw('\n');
        }
    }

    private static void writeBatch(final JsonGenerator gen, final CommandBatch batch, final boolean prefill)
        throws IOException
    {
        for (int i = 0; i < batch.size(); i++)
        {
            final byte type = batch.type(i);
            gen.writeStartObject();
            gen.writeStringField("cmd", String.valueOf((char)type));
            if (type == CommandBatch.MASS_CANCEL)
            {
                gen.writeNumberField("account", batch.accountId(i));
                if (batch.instrumentId(i) >= 0)
                {
                    gen.writeNumberField("instrument", batch.instrumentId(i));
                }
                if (batch.side(i) != 0)
                {
                    gen.writeStringField("side", String.valueOf((char)batch.side(i)));
                }
                if (prefill)
                {
                    gen.writeBooleanField("prefill", true);
                }
                gen.writeEndObject();
                continue;
            }
            gen.writeNumberField("order", batch.orderId(i));
            gen.writeNumberField("account", batch.accountId(i));
            if (type == CommandBatch.PLACE)
            {
                gen.writeNumberField("instrument", batch.instrumentId(i));
                gen.writeStringField("side", String.valueOf((char)batch.side(i)));
                gen.writeStringField("type", String.valueOf((char)batch.orderType(i)));
                gen.writeNumberField("price", batch.price(i));
                gen.writeNumberField("qty", batch.quantity(i));
                if (batch.stopPrice(i) != 0)
                {
                    gen.writeNumberField("stop", batch.stopPrice(i));
                }
                if (batch.timeToLiveNs(i) != 0)
                {
                    gen.writeNumberField("ttl_ms", batch.timeToLiveNs(i) / 1_000_000);
                }
                if (batch.displayQuantity(i) != 0)
                {
                    gen.writeNumberField("display", batch.displayQuantity(i));
                }
            }
            else if (type == CommandBatch.AMEND)
            {
                gen.writeNumberField("price", batch.price(i));
                gen.writeNumberField("qty", batch.quantity(i));
            }
            if (prefill)
            {
                gen.writeBooleanField("prefill", true);
            }
            gen.writeEndObject();
        }
    }

    /**
     * @param file a flow file.
     * @return its commands, as a flow named after the file.
     * @throws FlowFormatException at the first bad line.
     */
    public static CommandFlow read(final Path file)
    {
        final CommandBatch prefill = new CommandBatch(1 << 12);
        final CommandBatch commands = new CommandBatch(1 << 16);
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16))
        {
            read(file.getFileName().toString(), in, prefill, commands);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + file, ex);
        }
        return CommandFlow.of(file.getFileName().toString(), prefill, commands);
    }

    /**
     * Streams commands from JSON Lines.
     *
     * @param source   names the input in errors.
     * @param in       the lines.
     * @param prefill  receives the commands marked prefill.
     * @param commands receives the others.
     * @return the number of commands read.
     * @throws IOException         when reading fails.
     * @throws FlowFormatException at the first bad line.
     */
    public static long read(final String source, final InputStream in, final CommandBatch prefill,
        final CommandBatch commands) throws IOException
    {
        final Line line = new Line();
        long count = 0;
        long lastLine = 0;
        try (JsonParser parser = JSON.createParser(in))
        {
            JsonToken token;
            while (true)
            {
                try
                {
                    token = parser.nextToken();
                }
                catch (final JsonParseException ex)
                {
                    throw bad(source, parser, ex.getOriginalMessage(), ex);
                }
                if (token == null)
                {
                    break;
                }
                final long lineNr = parser.currentTokenLocation().getLineNr();
                if (token != JsonToken.START_OBJECT)
                {
                    throw new FlowFormatException(source, lineNr, "expected a JSON object, found " + token, null);
                }
                if (lineNr == lastLine)
                {
                    throw new FlowFormatException(source, lineNr, "more than one command on a line", null);
                }
                lastLine = lineNr;
                line.clear();
                try
                {
                    line.parse(parser);
                    line.appendTo(line.prefill ? prefill : commands);
                }
                catch (final JsonParseException ex)
                {
                    throw bad(source, parser, ex.getOriginalMessage(), ex);
                }
                catch (final IllegalArgumentException ex)
                {
                    throw new FlowFormatException(source, lineNr, ex.getMessage(), ex);
                }
                count++;
            }
        }
        return count;
    }

    private static FlowFormatException bad(final String source, final JsonParser parser, final String message,
        final Throwable cause)
    {
        return new FlowFormatException(source, parser.currentLocation().getLineNr(), message, cause);
    }

    /** One command being parsed; reused for every line. */
    private static final class Line
    {
        private static final long MISSING = Long.MIN_VALUE;
        byte cmd;
        long order;
        long account;
        long instrument;
        byte side;
        byte type;
        long price;
        long qty;
        long stop;
        long ttlMs;
        long display;
        boolean prefill;

        void clear()
        {
            cmd = 0;
            order = MISSING;
            account = MISSING;
            instrument = MISSING;
            side = 0;
            type = 0;
            price = MISSING;
            qty = MISSING;
            stop = 0;
            ttlMs = 0;
            display = 0;
            prefill = false;
        }

        void parse(final JsonParser parser) throws IOException
        {
            JsonToken token;
            while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
            {
                final String field = parser.currentName();
                final JsonToken value = parser.nextToken();
                switch (field)
                {
                    case "cmd" -> cmd = code(parser, value, field);
                    case "order" -> order = number(parser, value, field);
                    case "account" -> account = number(parser, value, field);
                    case "instrument" -> instrument = number(parser, value, field);
                    case "side" -> side = code(parser, value, field);
                    case "type" -> type = code(parser, value, field);
                    case "price" -> price = number(parser, value, field);
                    case "qty" -> qty = number(parser, value, field);
                    case "stop" -> stop = number(parser, value, field);
                    case "ttl_ms" -> ttlMs = number(parser, value, field);
                    case "display" -> display = number(parser, value, field);
                    case "prefill" -> prefill = value == JsonToken.VALUE_TRUE;
                    default -> parser.skipChildren();
                }
            }
            if (token != JsonToken.END_OBJECT)
            {
                throw new IllegalArgumentException("unexpected " + token);
            }
        }

        private static long number(final JsonParser parser, final JsonToken value, final String field)
            throws IOException
        {
            if (value != JsonToken.VALUE_NUMBER_INT)
            {
                throw new IllegalArgumentException("'" + field + "' must be an integer, found " + value);
            }
            return parser.getLongValue();
        }

        private static byte code(final JsonParser parser, final JsonToken value, final String field)
            throws IOException
        {
            if (value != JsonToken.VALUE_STRING || parser.getTextLength() != 1)
            {
                throw new IllegalArgumentException("'" + field + "' must be a one-letter code, found " + value);
            }
            return (byte)parser.getTextCharacters()[parser.getTextOffset()];
        }

        void appendTo(final CommandBatch batch)
        {
            if (cmd == CommandBatch.MASS_CANCEL)
            {
                require(account != MISSING, "account");
                require(instrument == MISSING || instrument >= 0 && instrument <= Integer.MAX_VALUE, "instrument");
                require(side == 0 || Side.fromCode(side) != null, "side (B or S)");
                batch.massCancel(account, instrument == MISSING ? Command.ALL_INSTRUMENTS : (int)instrument, side);
                return;
            }
            require(order != MISSING, "order");
            require(account != MISSING, "account");
            if (cmd == CommandBatch.PLACE)
            {
                require(instrument != MISSING && instrument >= 0 && instrument <= Integer.MAX_VALUE, "instrument");
                require(Side.fromCode(side) != null, "side (B or S)");
                final OrderType orderType = OrderType.fromCode(type);
                require(orderType != null, "type (L, M, I, F, P, S or T)");
                require(orderType.isStop() ? stop > 0 : stop == 0, "stop (a price, on S and T orders only)");
                require(ttlMs >= 0 && ttlMs <= Long.MAX_VALUE / 1_000_000, "ttl_ms");
                require(display >= 0, "display (an iceberg's display quantity, 0 or more)");
                require(qty != MISSING, "qty");
                require(price != MISSING || !orderType.hasPrice(), "price");
                batch.place(order, account, (int)instrument, side, type, price == MISSING ? 0 : price, qty, stop,
                    ttlMs * 1_000_000, display);
            }
            else if (cmd == CommandBatch.CANCEL)
            {
                batch.cancel(order, account);
            }
            else if (cmd == CommandBatch.AMEND)
            {
                require(price != MISSING, "price");
                require(qty != MISSING, "qty");
                batch.amend(order, account, price, qty);
            }
            else
            {
                throw new IllegalArgumentException(cmd == 0 ? "missing 'cmd'" : "unknown cmd '" + (char)cmd +
                    "' (P, C, A or M)");
            }
        }

        private static void require(final boolean ok, final String field)
        {
            if (!ok)
            {
                throw new IllegalArgumentException("missing or bad '" + field + "'");
            }
        }
    }
}
