package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OutputFilesTest {

    @TempDir
    Path dir;

    @Test
    void writesAndReplacesAnOutput() throws Exception {
        OutputFiles files = new OutputFiles(List.of(dir.resolve("metrics.jsonl")));
        Path target = dir.resolve("report.md");
        files.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        files.write(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(target));
    }

    @Test
    void refusesToReplaceAnInputEvenThroughAnotherSpelling() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"), "{}\n");
        OutputFiles files = new OutputFiles(List.of(metrics));
        Path sameViaDots = dir.resolve("sub").resolve("..").resolve("metrics.jsonl");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> files.write(sameViaDots, out -> out.write('x')));
        assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        assertEquals("{}\n", Files.readString(metrics));
    }
}
