package dev.hotpath.loadgen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Parses the human forms of rates ({@code 100k}, {@code 1.5m}, {@code 250000}) and durations ({@code 5s},
 * {@code 500ms}, {@code 2m}) that the command line takes.
 *
 * <p>Stateless; any thread.
 */
public final class Rates
{
    private Rates()
    {
    }

    /**
     * @param text a comma-separated list of rates, e.g. {@code 100k,250k,1m}.
     * @return the rates in commands per second, in the order given.
     * @throws IllegalArgumentException when an entry is not a positive rate.
     */
    public static long[] parseList(final String text)
    {
        final List<Long> rates = new ArrayList<>();
        for (final String part : text.split(","))
        {
            if (!part.isBlank())
            {
                rates.add(parseRate(part));
            }
        }
        if (rates.isEmpty())
        {
            throw new IllegalArgumentException("no rate in '" + text + "'");
        }
        return rates.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * @param text one rate: a number with an optional {@code k} (thousand) or {@code m} (million) suffix, and an
     *             optional {@code /s}.
     * @return commands per second.
     * @throws IllegalArgumentException when it is not a positive rate.
     */
    public static long parseRate(final String text)
    {
        String s = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
        if (s.endsWith("/s"))
        {
            s = s.substring(0, s.length() - 2);
        }
        double scale = 1;
        if (s.endsWith("k"))
        {
            scale = 1e3;
            s = s.substring(0, s.length() - 1);
        }
        else if (s.endsWith("m"))
        {
            scale = 1e6;
            s = s.substring(0, s.length() - 1);
        }
        final double value;
        try
        {
            value = Double.parseDouble(s) * scale;
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a rate: '" + text + "' (try 100k, 1m, 250000)", ex);
        }
        final long rate = Math.round(value);
        if (rate < 1 || Double.isNaN(value))
        {
            throw new IllegalArgumentException("rate must be >= 1/s: '" + text + "'");
        }
        return rate;
    }

    /**
     * @param text a duration: a number with {@code ns}, {@code us}, {@code ms}, {@code s} or {@code m} (minutes);
     *             a bare number is seconds.
     * @return nanoseconds.
     * @throws IllegalArgumentException when it is not a duration of zero or more.
     */
    public static long parseDurationNs(final String text)
    {
        final String s = text.trim().toLowerCase(Locale.ROOT);
        final String[] units = {"ns", "us", "ms", "s", "m"};
        final long[] nanos = {1L, 1_000L, 1_000_000L, 1_000_000_000L, 60_000_000_000L};
        for (int u = 0; u < units.length; u++)
        {
            if (s.endsWith(units[u]))
            {
                return scaled(text, s.substring(0, s.length() - units[u].length()), nanos[u]);
            }
        }
        return scaled(text, s, 1_000_000_000L);
    }

    private static long scaled(final String text, final String number, final long unitNs)
    {
        try
        {
            final double value = Double.parseDouble(number);
            if (value < 0 || Double.isNaN(value))
            {
                throw new IllegalArgumentException("duration must be >= 0: '" + text + "'");
            }
            return Math.round(value * unitNs);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException("not a duration: '" + text + "' (try 5s, 500ms)", ex);
        }
    }

    /**
     * @param rate commands per second.
     * @return its short form: {@code 100k}, {@code 1m}, {@code 1.5m}, {@code 750}.
     */
    public static String format(final long rate)
    {
        if (rate >= 1_000_000 && rate % 100_000 == 0)
        {
            return rate % 1_000_000 == 0 ? rate / 1_000_000 + "m" : (rate / 100_000) / 10.0 + "m";
        }
        if (rate >= 1_000 && rate % 1_000 == 0)
        {
            return rate / 1_000 + "k";
        }
        return Long.toString(rate);
    }
}
