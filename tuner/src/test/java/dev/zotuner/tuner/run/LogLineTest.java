package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLineTest {

    @Test
    void splitsBytesWithOffsetsCountingMultiByteCharacters() {
        byte[] content = "{\"s\":\"é\"}\n\n{\"s\":1}".getBytes(StandardCharsets.UTF_8);
        List<LogLine> lines = LogLine.split(content);
        assertEquals(3, lines.size());
        assertEquals(new LogLine(1, 0, 11, true, "{\"s\":\"é\"}"), lines.get(0));
        assertTrue(lines.get(1).blank());
        assertEquals(new LogLine(3, 12, 19, false, "{\"s\":1}"), lines.get(2));
        assertEquals(List.of(), LogLine.split(new byte[0]));
        assertEquals(1, LogLine.split("x\n".getBytes(StandardCharsets.UTF_8)).size());
    }

    @Test
    void aMissingFileHasNoLines() {
        assertEquals(List.of(), LogLine.read(Path.of("no", "such", "metrics.jsonl")));
    }

    @Test
    void onlyAFinalUnterminatedLineMayBeMalformed() {
        LogLine cut = new LogLine(4, 10, 20, false, "{\"type\":\"st");
        assertFalse(cut.parse(JsonFields.mapper(), "m.jsonl").isPresent());
        LogLine broken = new LogLine(4, 10, 20, true, "{\"type\":\"st");
        RunDirectoryException e = assertThrows(RunDirectoryException.class,
                () -> broken.parse(JsonFields.mapper(), "m.jsonl"));
        assertTrue(e.getMessage().startsWith("m.jsonl:4: malformed JSON"), e.getMessage());
        assertEquals(7, new LogLine(1, 0, 8, false, "{\"step\":7}").parse(JsonFields.mapper(),
                "m.jsonl").orElseThrow().integer("step"));
    }
}
