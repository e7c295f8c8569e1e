package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DataFileExceptionTest {

    @Test
    void formatsFileLineAndCauseOnOneLine() {
        DataFileException e = new DataFileException("a.csv", 12, "missing column 'x'\nsecond line");
        assertEquals("a.csv:12: missing column 'x'", e.getMessage());
        assertEquals("a.csv", e.file());
        assertEquals(12, e.line());
    }

    @Test
    void omitsLineWhenZero() {
        assertEquals("a.csv: no such file", new DataFileException("a.csv", 0, "no such file").getMessage());
    }
}
