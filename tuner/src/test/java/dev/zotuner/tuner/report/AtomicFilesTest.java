package dev.zotuner.tuner.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(Path::getFileName).sorted().toList();
        }
    }

    @Test
    void writesAndReplacesLeavingNoTemporaryFile() throws Exception {
        AtomicFiles files = new AtomicFiles(List.of());
        Path target = dir.resolve("report.md");
        files.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        files.write(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of(Path.of("report.md")), list(dir));
    }

    @Test
    void failedWriteKeepsTheOldFileAndCleansUp() throws Exception {
        AtomicFiles files = new AtomicFiles(List.of());
        Path target = dir.resolve("loss.png");
        Files.writeString(target, "old");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> files.write(target, out -> {
                    out.write(1);
                    throw new IOException("disk full");
                }));
        assertTrue(e.getMessage().startsWith(target + ": cannot write: disk full"), e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(Path.of("loss.png")), list(dir));
    }

    @Test
    void refusesToReplaceAnInput() throws Exception {
        Path metrics = Files.writeString(dir.resolve("metrics.jsonl"), "{}\n");
        AtomicFiles files = new AtomicFiles(List.of(metrics));
        Path sameViaDots = dir.resolve("sub").resolve("..").resolve("metrics.jsonl");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> files.write(sameViaDots, out -> out.write('x')));
        assertTrue(e.getMessage().contains("refusing to overwrite"), e.getMessage());
        assertEquals("{}\n", Files.readString(metrics));
    }

    @Test
    void newFilesFollowTheUmaskNotOwnerOnly() throws Exception {
        Path target = dir.resolve("trace.png");
        new AtomicFiles(List.of()).write(target, out -> out.write('x'));
        Path probe = Files.writeString(dir.resolve("probe"), "x");
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(target));
    }
}
