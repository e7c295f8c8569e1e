package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FormatsTest {

    @Test
    void compact() {
        assertEquals("1e-5", Formats.compact(1e-5));
        assertEquals("1e-3", Formats.compact(0.001));
        assertEquals("2.5e-4", Formats.compact(2.5e-4));
        assertEquals("0.9", Formats.compact(0.9));
        assertEquals("20000", Formats.compact(20000));
        assertEquals("-3", Formats.compact(-3.0));
        assertEquals("1.5e20", Formats.compact(1.5e20));
        assertEquals("NaN", Formats.compact(Double.NaN));
    }

    @Test
    void significant() {
        assertEquals("1234", Formats.significant(1234.4, 4));
        assertEquals("0.475", Formats.significant(0.475, 3));
        assertEquals("0.45", Formats.significant(0.45000000000000001, 3));
        assertEquals("2e5", Formats.significant(200000, 4));
        assertEquals("1.23e-3", Formats.significant(0.0012345, 3));
        assertEquals("0", Formats.significant(0.0, 3));
        assertEquals("—", Formats.significant(Double.NaN, 3));
        assertEquals("—", Formats.significant(Double.POSITIVE_INFINITY, 3));
    }

    @Test
    void percent() {
        assertEquals("85.3", Formats.percent(0.8525));
        assertEquals("81.3", Formats.percent(0.8125));
        assertEquals("100.0", Formats.percent(1.0));
        assertEquals("—", Formats.percent(Double.NaN));
    }
}
