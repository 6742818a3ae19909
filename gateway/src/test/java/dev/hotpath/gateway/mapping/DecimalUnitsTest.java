package dev.hotpath.gateway.mapping;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecimalUnitsTest
{
    @Test
    void shouldConvertExactDecimalsToUnits()
    {
        assertEquals(10125, DecimalUnits.toUnits("101.25", 2, 1, "price"));
        assertEquals(10120, DecimalUnits.toUnits("101.2", 2, 1, "price"));
        assertEquals(10100, DecimalUnits.toUnits("101", 2, 1, "price"));
        assertEquals(10125, DecimalUnits.toUnits("101.2500", 2, 1, "price"));
        assertEquals(5, DecimalUnits.toUnits("0.0005", 4, 1, "quantity"));
        assertEquals(Long.MAX_VALUE, DecimalUnits.toUnits(Long.toString(Long.MAX_VALUE), 0, 1, "quantity"));
    }

    /** The fast paths (no regex, no BigDecimal) give exactly what exact decimal arithmetic gives. */
    @Test
    void shouldAgreeWithExactArithmeticOnRandomValues()
    {
        final java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 200_000; i++)
        {
            final int scale = random.nextInt(9);
            final long units = random.nextInt(4) == 0 ? random.nextLong() >>> random.nextInt(64) :
                1 + random.nextInt(1_000_000);
            final java.math.BigDecimal exact = java.math.BigDecimal.valueOf(units, scale);
            assertEquals(exact.toPlainString(), DecimalUnits.toDecimal(units, scale), "format " + units + "/" + scale);
            final String text = random.nextBoolean() ? exact.toPlainString() : exact.stripTrailingZeros().toPlainString();
            if (units > 0)
            {
                assertEquals(units, DecimalUnits.toUnits(text, scale, 1, "price"), "parse " + text + "/" + scale);
            }
        }
        assertThrows(InvalidArgumentException.class, () -> DecimalUnits.toUnits("999999999999999999", 4, 1, "quantity"));
        assertThrows(InvalidArgumentException.class, () -> DecimalUnits.toUnits("1.", 2, 1, "price"));
        assertThrows(InvalidArgumentException.class, () -> DecimalUnits.toUnits(".5", 2, 1, "price"));
        assertThrows(InvalidArgumentException.class, () -> DecimalUnits.toUnits("1.2.3", 2, 1, "price"));
    }

    @Test
    void shouldFormatUnitsAsPlainDecimals()
    {
        assertEquals("101.25", DecimalUnits.toDecimal(10125, 2));
        assertEquals("0.0005", DecimalUnits.toDecimal(5, 4));
        assertEquals("7", DecimalUnits.toDecimal(7, 0));
        assertEquals("1.00", DecimalUnits.toDecimal(100, 2));
    }

    @Test
    void shouldRefuseOffGridValuesNamingTheField()
    {
        final InvalidArgumentException tick = assertThrows(InvalidArgumentException.class,
            () -> DecimalUnits.toUnits("101.26", 2, 5, "price"));
        assertTrue(tick.getMessage().startsWith("price:"), tick.getMessage());
        assertTrue(tick.getMessage().contains("0.05"), tick.getMessage());
        final InvalidArgumentException lot = assertThrows(InvalidArgumentException.class,
            () -> DecimalUnits.toUnits("0.015", 3, 10, "quantity"));
        assertTrue(lot.getMessage().contains("lot"), lot.getMessage());
        final InvalidArgumentException precision = assertThrows(InvalidArgumentException.class,
            () -> DecimalUnits.toUnits("1.001", 2, 1, "price"));
        assertTrue(precision.getMessage().contains("more than 2 decimals"), precision.getMessage());
    }

    @Test
    void shouldRefuseMalformedZeroNegativeAndHugeValues()
    {
        for (final String bad : new String[] {"", "abc", "-1", "+1", "1e5", "1,000", " 1", "1.", ".5", "0x10",
            "NaN", "1.2.3"})
        {
            final InvalidArgumentException ex = assertThrows(InvalidArgumentException.class,
                () -> DecimalUnits.toUnits(bad, 2, 1, "price"), bad);
            assertTrue(ex.getMessage().startsWith("price: "), ex.getMessage());
        }
        assertThrows(InvalidArgumentException.class, () -> DecimalUnits.toUnits("0", 2, 1, "quantity"));
        assertThrows(InvalidArgumentException.class, () -> DecimalUnits.toUnits("0.000", 2, 1, "quantity"));
        final InvalidArgumentException huge = assertThrows(InvalidArgumentException.class,
            () -> DecimalUnits.toUnits("99999999999999999999", 2, 1, "quantity"));
        assertTrue(huge.getMessage().contains("too large"), huge.getMessage());
    }
}
