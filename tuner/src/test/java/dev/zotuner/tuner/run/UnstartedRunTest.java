package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnstartedRunTest {

    @TempDir
    Path dir;

    private void leftByAFailedStart() throws IOException {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.createFile(dir.resolve("metrics.jsonl"));
        Files.createDirectories(dir.resolve("split"));
        for (String f : List.of("train.tsv", "dev.tsv", "test.tsv", "split.json")) {
            Files.writeString(dir.resolve("split").resolve(f), "x");
        }
    }

    @Test
    void configAnEmptyLogAndTheSplitAreAnUnstartedRunThatClearLeavesWithItsLogOnly() throws IOException {
        leftByAFailedStart();
        assertTrue(UnstartedRun.is(dir));
        UnstartedRun.clear(dir);
        try (var left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("metrics.jsonl")), left.toList());
        }
        assertTrue(UnstartedRun.is(dir), "an empty log alone is still nothing to resume");
    }

    @Test
    void aLoggedLineOrAFileTheRunDidNotWriteMakesItAnotherDirectory() throws IOException {
        leftByAFailedStart();
        Files.writeString(dir.resolve("metrics.jsonl"), "{\"type\":\"eval\",\"step\":0}\n");
        assertFalse(UnstartedRun.is(dir), "a logged line");
        Files.writeString(dir.resolve("metrics.jsonl"), "");
        Files.writeString(dir.resolve("split").resolve("notes.txt"), "mine");
        assertFalse(UnstartedRun.is(dir), "a file in split/ the run did not write");
        Files.delete(dir.resolve("split").resolve("notes.txt"));
        Files.createDirectories(dir.resolve("snapshots"));
        assertFalse(UnstartedRun.is(dir), "snapshots/");
        Files.delete(dir.resolve("snapshots"));
        Files.delete(dir.resolve("metrics.jsonl"));
        assertFalse(UnstartedRun.is(dir), "no log at all: not a run directory zo-tuner started");
    }
}
