package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunTest {

    @TempDir
    Path root;

    @Test
    void loadsAllThreeFiles() throws Exception {
        Path dir = SyntheticRun.write(root.resolve("lr1e-4"), 1e-4, 1e-3, 1);
        Run run = Run.load(dir);
        assertEquals(300, run.metrics().steps().size());
        assertEquals("1e-4", run.config().get("lr").orElseThrow());
        assertEquals(0.8125, run.summary().testAccuracy());
        assertEquals("lr1e-4", run.name());
        assertEquals(List.of(dir.resolve("config.json"), dir.resolve("metrics.jsonl"),
                dir.resolve("summary.json")), run.inputFiles());
    }

    @Test
    void configAndSummaryAreOptional() throws Exception {
        Path dir = Files.createDirectories(root.resolve("bare"));
        Files.writeString(dir.resolve("metrics.jsonl"), "");
        Run run = Run.load(dir);
        assertTrue(run.config().values().isEmpty());
        assertTrue(Double.isNaN(run.summary().testAccuracy()));
        assertEquals(List.of(dir.resolve("metrics.jsonl")), run.inputFiles());
    }

    @Test
    void missingMetricsOrDirectoryIsAOneLineError() throws Exception {
        Path empty = Files.createDirectories(root.resolve("empty"));
        assertEquals(empty + ": no metrics.jsonl (not a run directory?)",
                assertThrows(RunDirectoryException.class, () -> Run.load(empty)).getMessage());
        Path absent = root.resolve("absent");
        assertEquals(absent + ": no such run directory",
                assertThrows(RunDirectoryException.class, () -> Run.load(absent)).getMessage());
        Path file = Files.writeString(root.resolve("file"), "x");
        assertEquals(file + ": not a directory",
                assertThrows(RunDirectoryException.class, () -> Run.load(file)).getMessage());
    }
}
