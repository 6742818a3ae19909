package dev.hotpath.gateway.mapping;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Converts between the API's exact decimal strings ("101.25") and the engine's {@code long} units
 * ({@code 10^-scale} each), refusing anything that is malformed, not positive, too precise for the scale, too
 * large for a {@code long}, or off the instrument's grid (tick or lot).
 *
 * <p>Stateless; any thread.
 */
public final class DecimalUnits
{
    /** Plain decimals only: digits, an optional fraction; no sign, exponent, spaces or grouping. */
    private static final Pattern PLAIN_DECIMAL = Pattern.compile("[0-9]{1,30}(\\.[0-9]{1,30})?");

    private DecimalUnits()
    {
    }

    /**
     * @param text  the decimal string.
     * @param scale decimals of one unit.
     * @param step  the grid in units (tick or lot size); the result must be a multiple of it.
     * @param field the request field's name, for the error message.
     * @return the value in units, greater than zero.
     * @throws InvalidArgumentException naming the field and why.
     */
    public static long toUnits(final String text, final int scale, final long step, final String field)
    {
        if (text == null || text.isEmpty())
        {
            throw new InvalidArgumentException(field, "is required");
        }
        final long parsed = parseSimple(text, scale);
        if (parsed > 0 && parsed % step == 0)
        {
            return parsed; // the common case, without a regex or a BigDecimal
        }
        if (!PLAIN_DECIMAL.matcher(text).matches())
        {
            throw new InvalidArgumentException(field, "'" + abbreviate(text) +
                "' is not a plain positive decimal number such as 101.25");
        }
        final BigDecimal units = new BigDecimal(text).movePointRight(scale);
        if (units.signum() <= 0)
        {
            throw new InvalidArgumentException(field, "must be greater than zero");
        }
        if (units.stripTrailingZeros().scale() > 0)
        {
            throw new InvalidArgumentException(field, "'" + text + "' has more than " + scale + " decimals");
        }
        final long value;
        try
        {
            value = units.longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new InvalidArgumentException(field, "'" + abbreviate(text) + "' is too large");
        }
        if (value % step != 0)
        {
            throw new InvalidArgumentException(field, "'" + text + "' is not a multiple of " +
                toDecimal(step, scale) + (field.contains("price") ? " (the tick size)" : " (the lot size)"));
        }
        return value;
    }

    /**
     * The value of a plain decimal of at most 18 characters with at most {@code scale} decimals, in units; -1 for
     * anything else (which the exact path then explains).
     */
    private static long parseSimple(final String text, final int scale)
    {
        final int length = text.length();
        if (length > 18)
        {
            return -1;
        }
        long value = 0;
        int decimals = -1;
        for (int i = 0; i < length; i++)
        {
            final char c = text.charAt(i);
            if (c == '.')
            {
                if (decimals >= 0 || i == 0 || i == length - 1)
                {
                    return -1;
                }
                decimals = 0;
            }
            else if (c >= '0' && c <= '9')
            {
                value = value * 10 + (c - '0');
                if (decimals >= 0 && ++decimals > scale)
                {
                    return -1;
                }
            }
            else
            {
                return -1;
            }
        }
        for (int d = Math.max(0, decimals); d < scale; d++)
        {
            if (value > Long.MAX_VALUE / 10)
            {
                return -1; // too large: the exact path says so
            }
            value *= 10;
        }
        return value;
    }

    /**
     * @param units a value in units.
     * @param scale decimals of one unit.
     * @return the exact decimal string, without an exponent or trailing zeros beyond the scale.
     */
    public static String toDecimal(final long units, final int scale)
    {
        if (units < 0 || scale <= 0 || scale > 18)
        {
            return BigDecimal.valueOf(units, scale).toPlainString();
        }
        final String digits = Long.toString(units);
        final StringBuilder b = new StringBuilder(digits.length() + scale + 2);
        if (digits.length() <= scale)
        {
            b.append("0.");
            for (int i = digits.length(); i < scale; i++)
            {
                b.append('0');
            }
            return b.append(digits).toString();
        }
        final int point = digits.length() - scale;
        return b.append(digits, 0, point).append('.').append(digits, point, digits.length()).toString();
    }

    private static String abbreviate(final String text)
    {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
