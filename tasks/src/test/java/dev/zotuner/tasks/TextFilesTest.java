package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @Test
    void decodesUtf8AndDropsBom() {
        byte[] bytes = "\uFEFFcafé\n".getBytes(StandardCharsets.UTF_8);
        assertEquals("café\n", TextFiles.decodeUtf8(bytes, "f"));
    }

    @Test
    void invalidUtf8NamesTheLine() {
        byte[] bytes = {'o', 'k', '\n', 's', (byte) 0xF0, 'c', '\n'};
        DataFileException e = assertThrows(DataFileException.class, () -> TextFiles.decodeUtf8(bytes, "t.tsv"));
        assertEquals("t.tsv:2: not valid UTF-8", e.getMessage());
    }

    @Test
    void missingFileIsOneLineError(@TempDir Path dir) {
        Path f = dir.resolve("nope.tsv");
        DataFileException e = assertThrows(DataFileException.class, () -> TextFiles.readBytes(f));
        assertEquals(f + ": no such file", e.getMessage());
    }
}
