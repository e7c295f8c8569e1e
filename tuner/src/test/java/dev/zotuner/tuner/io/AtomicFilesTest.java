package dev.zotuner.tuner.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
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
        Path target = dir.resolve("report.md");
        AtomicFiles.write(target, out -> out.write("one".getBytes(StandardCharsets.UTF_8)));
        AtomicFiles.write(target, out -> out.write("two".getBytes(StandardCharsets.UTF_8)));
        assertEquals("two", Files.readString(target));
        assertEquals(List.of(Path.of("report.md")), list(dir));
    }

    @Test
    void channelAndFileVariantsWriteTheirBytes() throws Exception {
        Path a = dir.resolve("a.bin");
        AtomicFiles.writeChannel(a, ch -> ch.write(ByteBuffer.wrap(new byte[] {1, 2, 3})));
        Path b = dir.resolve("b.txt");
        AtomicFiles.writeFile(b, tmp -> {
            assertEquals(AtomicFiles.temporaryFor(b), tmp);
            Files.writeString(tmp, "made by the writer");
        });
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(a));
        assertEquals("made by the writer", Files.readString(b));
        assertEquals(List.of(Path.of("a.bin"), Path.of("b.txt")), list(dir));
    }

    @Test
    void failedWriteKeepsTheOldFileAndCleansUp() throws Exception {
        Path target = dir.resolve("loss.png");
        Files.writeString(target, "old");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.write(target, out -> {
                    out.write(1);
                    throw new IOException("disk full");
                }));
        assertTrue(e.getMessage().startsWith(target + ": cannot write: disk full"), e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(Path.of("loss.png")), list(dir));
    }

    @Test
    void aFileWriterThatWritesNothingIsAnError() {
        Path target = dir.resolve("state.bin");
        UncheckedIOException e = assertThrows(UncheckedIOException.class,
                () -> AtomicFiles.writeFile(target, tmp -> { }));
        assertTrue(e.getMessage().contains("produced no file"), e.getMessage());
        assertFalse(Files.exists(target));
    }

    @Test
    void temporaryNamesAreHiddenSiblingsEndingInTmp() {
        Path tmp = AtomicFiles.temporaryFor(dir.resolve("step-3.bin"));
        assertEquals(dir.toAbsolutePath(), tmp.getParent());
        assertEquals(".step-3.bin." + ProcessHandle.current().pid() + ".tmp",
                tmp.getFileName().toString());
        assertTrue(AtomicFiles.isTemporary(tmp));
        assertFalse(AtomicFiles.isTemporary(dir.resolve("step-3.bin")));
    }

    @Test
    void newFilesFollowTheUmaskNotOwnerOnly() throws Exception {
        Path target = dir.resolve("trace.png");
        AtomicFiles.write(target, out -> out.write('x'));
        Path probe = Files.writeString(dir.resolve("probe"), "x");
        assertEquals(Files.getPosixFilePermissions(probe), Files.getPosixFilePermissions(target));
    }
}
