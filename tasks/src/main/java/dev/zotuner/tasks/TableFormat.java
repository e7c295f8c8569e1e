package dev.zotuner.tasks;

import java.nio.file.Path;
import java.util.Locale;

/**
 * File formats of custom tasks.
 *
 * <ul>
 *   <li>{@link #TSV}: one record per line, fields separated by TAB, no quoting (quotes are ordinary
 *       characters, as in the SST files), so fields cannot contain TAB or line breaks.</li>
 *   <li>{@link #CSV}: RFC 4180: comma-separated; a field may be enclosed in double quotes, inside
 *       which commas and line breaks are literal and {@code ""} is one quote.</li>
 *   <li>{@link #JSONL}: one JSON object per line; the text field is a string, the label a string,
 *       integer or boolean.</li>
 * </ul>
 * Blank lines are skipped in every format; CRLF line endings and a UTF-8 BOM are accepted.
 */
public enum TableFormat {
    TSV, CSV, JSONL;

    /**
     * The format named by a file's extension: {@code .tsv}/{@code .tab}, {@code .csv},
     * {@code .jsonl}/{@code .ndjson}.
     *
     * @throws DataFileException if the extension is none of these
     */
    public static TableFormat forFile(Path file) {
        String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
        if (name.endsWith(".tsv") || name.endsWith(".tab")) {
            return TSV;
        }
        if (name.endsWith(".csv")) {
            return CSV;
        }
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            return JSONL;
        }
        throw new DataFileException(file.toString(), 0,
                "cannot tell the format from the file name; use .tsv, .csv or .jsonl, or set the format");
    }

    /** Parses {@code tsv}, {@code csv} or {@code jsonl}, case-insensitively. */
    public static TableFormat parse(String name) {
        for (TableFormat f : values()) {
            if (f.name().equalsIgnoreCase(name.strip())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "' (use tsv, csv or jsonl)");
    }
}
