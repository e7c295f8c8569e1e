package dev.zotuner.tuner.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One line of a JSON Lines file with its byte range, so a log can be cut exactly after a line.
 * A {@code \n} byte never occurs inside a multi-byte UTF-8 character, so splitting bytes is safe.
 *
 * @param number     1-based line number
 * @param start      offset of the line's first byte
 * @param end        offset just past the line, including its {@code \n} when terminated
 * @param terminated whether the line ends with {@code \n} (the last line of a killed writer may not)
 * @param text       the line without its newline
 */
record LogLine(int number, long start, long end, boolean terminated, String text) {

    /** The lines of {@code file}; a missing file has none. */
    static List<LogLine> read(Path file) {
        try {
            return Files.exists(file) ? split(Files.readAllBytes(file)) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** Splits UTF-8 bytes into lines; an empty trailing piece after the last newline is no line. */
    static List<LogLine> split(byte[] content) {
        List<LogLine> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < content.length; i++) {
            if (content[i] == '\n') {
                lines.add(new LogLine(lines.size() + 1, start, i + 1, true,
                        new String(content, start, i - start, StandardCharsets.UTF_8)));
                start = i + 1;
            }
        }
        if (start < content.length) {
            lines.add(new LogLine(lines.size() + 1, start, content.length, false,
                    new String(content, start, content.length - start, StandardCharsets.UTF_8)));
        }
        return lines;
    }

    /** Whether the line holds nothing but whitespace (skipped by every reader). */
    boolean blank() {
        return text.isBlank();
    }

    /**
     * The line's JSON object, or empty for a final unterminated line that does not parse (a write
     * cut short). A complete line that does not parse → {@link RunDirectoryException} at
     * {@code file:line}. {@code mapper} is {@link JsonFields#mapper()}, made once per file.
     */
    Optional<JsonFields> parse(ObjectMapper mapper, String file) {
        try {
            return Optional.of(JsonFields.parse(mapper, text.strip(), file, number));
        } catch (RunDirectoryException e) {
            if (!terminated) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
