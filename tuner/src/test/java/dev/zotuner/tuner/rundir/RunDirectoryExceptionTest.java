package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RunDirectoryExceptionTest {

    @Test
    void messageNamesFileAndLine() {
        RunDirectoryException e = new RunDirectoryException("runs/a/metrics.jsonl", 7, "bad");
        assertEquals("runs/a/metrics.jsonl:7: bad", e.getMessage());
        assertEquals("runs/a/metrics.jsonl", e.file());
        assertEquals(7, e.line());
    }

    @Test
    void noLineAndOnlyTheFirstLineOfTheCause() {
        RunDirectoryException e = new RunDirectoryException("runs/a", 0, "first\nsecond");
        assertEquals("runs/a: first", e.getMessage());
        assertEquals(0, e.line());
    }
}
