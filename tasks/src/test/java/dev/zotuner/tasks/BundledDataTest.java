package dev.zotuner.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundledDataTest {

    @Test
    void classpathFilesPassTheirChecksums() {
        BundledData data = BundledData.classpath();
        assertTrue(data.text("trec/test.tsv").startsWith("label\tsentence\n"));
    }

    @Test
    void corruptedFileFailsWithOneLineNamingIt(@TempDir Path dir) throws IOException {
        copy("SHA256SUMS", dir);
        Path trec = copy("trec/test.tsv", dir);
        byte[] bytes = Files.readAllBytes(trec);
        bytes[100] ^= 1; // one flipped bit
        Files.write(trec, bytes);
        DataFileException e = assertThrows(DataFileException.class,
                () -> BundledData.directory(dir).text("trec/test.tsv"));
        assertTrue(e.getMessage().startsWith(dir + "/trec/test.tsv: SHA-256 mismatch"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
    }

    @Test
    void missingFileIsNamed(@TempDir Path dir) throws IOException {
        copy("SHA256SUMS", dir);
        DataFileException e = assertThrows(DataFileException.class,
                () -> BundledData.directory(dir).text("sst2/train.tsv"));
        assertEquals(dir + "/sst2/train.tsv: missing bundled data file", e.getMessage());
    }

    @Test
    void fileWithoutChecksumIsRejected(@TempDir Path dir) throws IOException {
        copy("SHA256SUMS", dir);
        Files.writeString(dir.resolve("extra.tsv"), "label\tsentence\n", StandardCharsets.UTF_8);
        assertThrows(DataFileException.class, () -> BundledData.directory(dir).text("extra.tsv"));
    }

    static Path copy(String relative, Path dir) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        try (InputStream in = BundledDataTest.class.getClassLoader()
                .getResourceAsStream(BundledData.RESOURCE_ROOT + relative)) {
            Files.copy(in, target);
        }
        return target;
    }
}
