package dev.zotuner.tasks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The bundled data files, each checked against the bundled {@code SHA256SUMS} before it is
 * returned. Reads from the class path by default; tests point it at a copied directory.
 */
final class BundledData {

    /** Class-path folder of the bundled data (README, SHA256SUMS, one folder per task). */
    static final String RESOURCE_ROOT = "dev/zotuner/tasks/data/";

    /** Reads a file relative to the data root; returns null if it does not exist. */
    @FunctionalInterface
    interface Source {
        byte[] read(String relativePath) throws IOException;
    }

    private final Source source;
    private final String rootName;
    private final Sha256Sums sums;

    private BundledData(Source source, String rootName) {
        this.source = source;
        this.rootName = rootName;
        this.sums = Sha256Sums.parse(
                TextFiles.decodeUtf8(require("SHA256SUMS"), rootName + "SHA256SUMS"),
                rootName + "SHA256SUMS");
    }

    /** The data bundled in this module's jar. */
    static BundledData classpath() {
        ClassLoader loader = BundledData.class.getClassLoader();
        return new BundledData(path -> {
            try (InputStream in = loader.getResourceAsStream(RESOURCE_ROOT + path)) {
                return in == null ? null : in.readAllBytes();
            }
        }, RESOURCE_ROOT);
    }

    /** A copy of the data in a directory laid out like {@link #RESOURCE_ROOT}. */
    static BundledData directory(Path dir) {
        return new BundledData(path -> {
            try {
                return Files.readAllBytes(dir.resolve(path));
            } catch (NoSuchFileException e) {
                return null;
            }
        }, dir + "/");
    }

    /** The verified text of a data file. */
    String text(String relativePath) {
        byte[] bytes = require(relativePath);
        sums.verify(relativePath, bytes, rootName + relativePath);
        return TextFiles.decodeUtf8(bytes, rootName + relativePath);
    }

    /** How to name a data file in messages. */
    String displayName(String relativePath) {
        return rootName + relativePath;
    }

    private byte[] require(String relativePath) {
        byte[] bytes;
        try {
            bytes = source.read(relativePath);
        } catch (IOException e) {
            throw new DataFileException(rootName + relativePath, 0, "cannot read: " + e);
        }
        if (bytes == null) {
            throw new DataFileException(rootName + relativePath, 0, "missing bundled data file");
        }
        return bytes;
    }
}
