package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class FailureCauseTest {

    @Test
    void theCliErrorLineWinsOverProgress() {
        String err = "WARNING: Using incubator modules: jdk.incubator.vector\nzo finetune: starting runs/x\n"
                + "zo: 1220022272 trainable values exceed one 2 GiB buffer\n";
        assertEquals("1220022272 trainable values exceed one 2 GiB buffer", FailureCause.of(1, false, 60, err));
    }

    @Test
    void uncaughtExceptionsCrashesKillsAndTimeouts() {
        assertEquals("java.lang.OutOfMemoryError: Java heap space", FailureCause.of(1, false, 60,
                "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n\tat x.y(Z.java:1)\n"));
        assertTrue(FailureCause.of(134, false, 60, "#\n# A fatal error has been detected by the Java Runtime Environment:\n")
                .startsWith("the JVM crashed"));
        assertEquals("killed by signal 9 (SIGKILL: the out-of-memory killer?)", FailureCause.of(137, false, 60, ""));
        assertEquals("timed out after 1800 s (killed)", FailureCause.of(-1, true, 1800, "zo: whatever"));
    }

    @Test
    void elseTheLastLineOrTheStatusCutToOneShortLine() {
        assertEquals("terminate called after throwing an instance (exit status 134)",
                FailureCause.of(134, false, 60, "line one\nterminate called after throwing an instance\n\n"));
        assertEquals("exit status 3 with nothing on stderr", FailureCause.of(3, false, 60, " \n"));
        assertEquals("killed by signal 15", FailureCause.of(143, false, 60, ""));
        String cut = FailureCause.of(1, false, 60, "zo: " + "x".repeat(1000));
        assertEquals(FailureCause.MAX_LENGTH, cut.length());
        assertTrue(cut.endsWith("…"));
    }
}
