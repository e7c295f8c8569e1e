package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunSummaryTest {

    @Test
    void readsPresentFieldsAndLeavesTheRestNaN(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("summary.json");
        Files.writeString(f, "{\"best_step\":300,\"test_accuracy\":0.875}");
        RunSummary s = RunSummary.read(f);
        assertEquals(OptionalLong.of(300), s.bestStep());
        assertEquals(0.875, s.testAccuracy());
        assertTrue(Double.isNaN(s.bestDevAccuracy()));
        assertTrue(Double.isNaN(s.zeroShotTestAccuracy()));
        assertEquals(RunSummary.COMPLETED, s.status(), "summaries without a status were written on completion");
        assertEquals(0, s.steps());
    }

    @Test
    void readsTheStatusAndStepsARunEndedWith(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("summary.json");
        Files.writeString(f, "{\"status\":\"diverged\",\"steps\":17,\"best_step\":10}");
        RunSummary s = RunSummary.read(f);
        assertEquals("diverged", s.status());
        assertEquals(17, s.steps());
    }

    @Test
    void mistypedFieldIsAnError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("summary.json");
        Files.writeString(f, "{\"best_step\":\"last\"}");
        assertEquals(f + ": field 'best_step' must be an integer, found string \"last\"",
                assertThrows(RunDirectoryException.class, () -> RunSummary.read(f)).getMessage());
    }

    @Test
    void emptyIsAllAbsent() {
        RunSummary s = RunSummary.empty();
        assertTrue(s.bestStep().isEmpty());
        assertTrue(Double.isNaN(s.testAccuracy()));
        assertTrue(Double.isNaN(s.testMacroF1()));
    }
}
