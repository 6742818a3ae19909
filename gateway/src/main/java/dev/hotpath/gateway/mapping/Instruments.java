package dev.hotpath.gateway.mapping;

import dev.hotpath.engine.api.Instrument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instruments by symbol and by id.
 *
 * <p>Immutable once built; any thread.
 */
public final class Instruments
{
    private final List<Instrument> all;
    private final Map<String, Instrument> bySymbol = new HashMap<>();
    private final Instrument[] byId;

    /**
     * @param instruments the instruments, with dense ids from 0.
     */
    public Instruments(final List<Instrument> instruments)
    {
        this.all = List.copyOf(instruments);
        int max = -1;
        for (final Instrument i : all)
        {
            max = Math.max(max, i.id());
        }
        byId = new Instrument[max + 1];
        for (final Instrument i : all)
        {
            if (bySymbol.put(i.symbol(), i) != null || byId[i.id()] != null)
            {
                throw new IllegalArgumentException("duplicate instrument " + i);
            }
            byId[i.id()] = i;
        }
    }

    /**
     * @param symbol a request's symbol.
     * @return the instrument.
     * @throws InvalidArgumentException when there is none.
     */
    public Instrument bySymbol(final String symbol)
    {
        if (symbol == null || symbol.isEmpty())
        {
            throw new InvalidArgumentException("symbol", "is required");
        }
        final Instrument i = bySymbol.get(symbol);
        if (i == null)
        {
            throw new InvalidArgumentException("symbol", "no instrument '" +
                (symbol.length() > 40 ? symbol.substring(0, 40) + "..." : symbol) + "'");
        }
        return i;
    }

    /**
     * @param id an engine instrument id.
     * @return the instrument, or {@code null}.
     */
    public Instrument byId(final int id)
    {
        return id >= 0 && id < byId.length ? byId[id] : null;
    }

    /** @return all of them. */
    public List<Instrument> all()
    {
        return all;
    }
}
