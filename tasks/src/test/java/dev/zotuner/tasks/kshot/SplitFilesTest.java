package dev.zotuner.tasks.kshot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tasks.DataFileException;
import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.LabelSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SplitFilesTest {

    @TempDir
    Path dir;

    private static TaskSplit split() {
        LabelSet labels = new LabelSet(List.of("neg", "pos"), List.of("negative", "positive"));
        SplitProvenance p = new SplitProvenance("t", "custom", KShotSplit.PROTOCOL, 1, 13, 0, 0, 4, 1,
                List.of(1, 1), List.of(1, 0));
        return new TaskSplit("t", labels,
                List.of(new Example(3, "tab\there", 1), new Example(0, "back\\slash\nnewline", 0)),
                List.of(new Example(2, "plain", 0)), List.of(new Example(0, "test \r text", 1)), p);
    }

    @Test
    void escapingRoundTrips() {
        String s = "a\tb\\n\nc\r\\";
        assertEquals("a\\tb\\\\n\\nc\\r\\\\", SplitFiles.escape(s));
        assertEquals(s, SplitFiles.unescape(SplitFiles.escape(s)));
    }

    @Test
    void writesReadableFilesThatReadBack() throws IOException {
        TaskSplit s = split();
        SplitFiles.write(s, dir.resolve("split"));
        List<String> train = Files.readAllLines(dir.resolve("split/train.tsv"));
        assertEquals(List.of("row\tlabel\ttext", "3\tpos\ttab\\there", "0\tneg\tback\\\\slash\\nnewline"), train);
        String json = Files.readString(dir.resolve("split/split.json"));
        assertTrue(json.contains("\"seed\" : 13"), json);
        assertTrue(json.contains("\"shortClasses\" : [ \"pos\" ]"), json);
        assertEquals(s, SplitFiles.read(dir.resolve("split")));
    }

    @Test
    void malformedRowNamesFileAndLine() throws IOException {
        SplitFiles.write(split(), dir);
        Files.writeString(dir.resolve("dev.tsv"), "row\tlabel\ttext\n2\tmaybe\tx\n");
        DataFileException e = assertThrows(DataFileException.class, () -> SplitFiles.read(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("dev.tsv") + ":2: "), e.getMessage());
    }
}
