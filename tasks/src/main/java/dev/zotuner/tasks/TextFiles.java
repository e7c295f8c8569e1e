package dev.zotuner.tasks;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** Reads data files as strict UTF-8, turning every failure into a one-line {@link DataFileException}. */
final class TextFiles {

    private TextFiles() {
    }

    /** The bytes of {@code file}; a missing or unreadable file is a {@link DataFileException}. */
    static byte[] readBytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new DataFileException(file.toString(), 0, "no such file");
        } catch (IOException e) {
            throw new DataFileException(file.toString(), 0, "cannot read: " + e);
        }
    }

    /**
     * Decodes UTF-8 strictly (invalid bytes are an error naming the line) and drops a leading BOM.
     */
    static String decodeUtf8(byte[] bytes, String file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new DataFileException(file, firstBadLine(bytes), "not valid UTF-8");
        }
    }

    /** 1-based line of the first byte sequence that is not valid UTF-8. */
    private static int firstBadLine(byte[] bytes) {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                byte[] chunk = java.util.Arrays.copyOfRange(bytes, start, i);
                try {
                    StandardCharsets.UTF_8.newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .decode(ByteBuffer.wrap(chunk));
                } catch (CharacterCodingException e) {
                    return line;
                }
                line++;
                start = i + 1;
            }
        }
        return 0;
    }
}
