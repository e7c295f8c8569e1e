package dev.zotuner.tasks;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A {@code sha256sum}-format manifest ({@code <64 hex digits><2 spaces><relative path>} per line)
 * and the check of a file's bytes against it.
 *
 * @param digests lower-case hex SHA-256 by relative path
 * @param source  where the manifest came from, for messages
 */
public record Sha256Sums(Map<String, String> digests, String source) {

    public Sha256Sums {
        digests = Map.copyOf(digests);
    }

    /** Parses manifest text; a malformed line is an error naming {@code source} and the line. */
    public static Sha256Sums parse(String text, String source) {
        Map<String, String> digests = new LinkedHashMap<>();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+\\*?", 2);
            if (parts.length != 2 || !parts[0].matches("[0-9a-fA-F]{64}")) {
                throw new DataFileException(source, i + 1,
                        "expected '<sha256 hex>  <path>', got '" + line + "'");
            }
            digests.put(parts[1], parts[0].toLowerCase(java.util.Locale.ROOT));
        }
        return new Sha256Sums(digests, source);
    }

    /**
     * Checks {@code bytes} against the manifest entry for {@code path}.
     *
     * @param displayName how to name the file in the error message
     * @throws DataFileException if there is no entry or the digest differs
     */
    public void verify(String path, byte[] bytes, String displayName) {
        String expected = digests.get(path);
        if (expected == null) {
            throw new DataFileException(displayName, 0, "no checksum for '" + path + "' in " + source);
        }
        String actual = sha256Hex(bytes);
        if (!actual.equals(expected)) {
            throw new DataFileException(displayName, 0, "SHA-256 mismatch (expected " + expected
                    + ", got " + actual + "): the file is corrupted or was modified");
        }
    }

    /** Lower-case hex SHA-256 of {@code bytes}. */
    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
