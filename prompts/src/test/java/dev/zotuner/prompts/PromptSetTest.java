package dev.zotuner.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tasks.LabelSet;
import dev.zotuner.tasks.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PromptSetTest {

    @Test
    void sst2DefaultsAreLmBffs() {
        PromptSet p = PromptSet.defaults("sst2");
        assertEquals("<sentence> It was [MASK] .", p.template().pattern());
        Verbalizer v = p.verbalizer(Tasks.builtin("sst2").labels());
        assertEquals(List.of("terrible", "great"), v.words());
        assertEquals("built-in sst2 prompts", v.source());
    }

    @Test
    void sst5DefaultsAreLmBffs() {
        Verbalizer v = PromptSet.defaults("SST-5").verbalizer(Tasks.builtin("sst5").labels());
        assertEquals(List.of("terrible", "bad", "okay", "good", "great"), v.words());
    }

    @Test
    void trecDefaultsMapAbbrToExpression() {
        PromptSet p = PromptSet.defaults("trec");
        assertEquals("[MASK] : <sentence>", p.template().pattern());
        LabelSet labels = Tasks.builtin("trec").labels();
        Verbalizer v = p.verbalizer(labels);
        assertEquals(List.of("Description", "Entity", "Expression", "Human", "Location", "Number"), v.words());
        assertEquals("Expression", v.word(labels.indexOf("ABBR")));
        assertEquals("Number", v.word(labels.indexOf("NUM")));
        assertEquals("Human :", p.labelPrompts(labels).text(labels.indexOf("HUM")));
    }

    @Test
    void unknownDefaultTask() {
        assertEquals("no built-in prompts for task 'mnli' (built-in: sst2, sst5, trec); give a prompt file",
                assertThrows(PromptException.class, () -> PromptSet.defaults("mnli")).getMessage());
    }

    @Test
    void fromJsonReadsAFileAndNamesItInErrors(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("p.json"),
                "{\"template\": \"<sentence> Overall, [MASK] .\", \"labelWords\": {\"0\": \"bad\", \"1\": \"good\"}}");
        PromptSet p = PromptSet.fromJson(file);
        assertEquals(List.of("Overall, bad .", "Overall, good ."),
                p.labelPrompts(LabelSet.of(List.of("0", "1"))).texts());
        assertEquals(file + ": labelWords has no word for label '2'", assertThrows(PromptException.class,
                () -> p.verbalizer(LabelSet.of(List.of("0", "1", "2")))).getMessage());
        Path missing = dir.resolve("none.json");
        assertEquals(missing + ": no such file",
                assertThrows(PromptException.class, () -> PromptSet.fromJson(missing)).getMessage());
    }
}
