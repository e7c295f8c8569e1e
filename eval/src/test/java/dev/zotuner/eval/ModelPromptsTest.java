package dev.zotuner.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.source.EmbeddedModel;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Verbalizer;
import dev.zotuner.tasks.LabelSet;
import dev.zotuner.tasks.Tasks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelPromptsTest {

    @TempDir
    Path tmp;

    @Test
    void miniLmAndPathsGetTheLmBffPrompts() {
        for (String task : PromptSet.DEFAULT_TASKS) {
            assertEquals(Optional.of(PromptSet.defaults(task)), ModelPrompts.defaults("default", task));
            assertEquals(Optional.of(PromptSet.defaults(task)), ModelPrompts.defaults("minilm-l6", task));
            assertEquals(Optional.of(PromptSet.defaults(task)), ModelPrompts.defaults("./export", task));
        }
    }

    @Test
    void bgeGetsItsOwnPromptWhereItHasOne() {
        PromptSet sst2 = ModelPrompts.defaults("bge-small", "sst2").orElseThrow();
        assertEquals("A positive movie review.", sst2.template().labelPrompt(sst2.labelWords().get("1")));
        PromptSet trec = ModelPrompts.defaults("BGE-small", "trec").orElseThrow();
        assertEquals("built-in bge-small trec prompts", trec.source());
        assertEquals("<sentence> The answer is [MASK] .", trec.template().pattern());
        assertEquals("The answer is a person .", trec.template().labelPrompt(trec.labelWords().get("HUM")));
        assertEquals("<sentence> [MASK]", ModelPrompts.defaults("bge-small", "sst5").orElseThrow().template().pattern());
    }

    @Test
    void everyRegistryPromptBindsOneWordToEachLabelOfItsTask() {
        for (EmbeddedModel m : EmbeddedModel.values()) {
            for (String task : m.promptTasks()) {
                LabelSet labels = Tasks.builtin(task).labels();
                Verbalizer v = ModelPrompts.defaults(m.id(), task).orElseThrow().verbalizer(labels);
                assertEquals(labels.size(), v.size(), m.id() + " " + task);
            }
        }
    }

    @Test
    void everyRegistryPromptIsTheCandidateFileItNames() {
        for (EmbeddedModel m : EmbeddedModel.values()) {
            for (String task : m.promptTasks()) {
                String why = m.prompt(task).orElseThrow().why();
                Path file = Path.of("..").resolve(why.substring(0, why.indexOf(':')));
                PromptSet candidate = PromptSet.fromJson(file);
                PromptSet registered = ModelPrompts.defaults(m.id(), task).orElseThrow();
                assertEquals(candidate.template(), registered.template(), file.toString());
                assertEquals(candidate.labelWords(), registered.labelWords(), file.toString());
            }
        }
    }

    @Test
    void anExistingDirectoryIsAPathEvenIfNamedLikeAnEmbeddedModel() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bge-small"));
        assertEquals(Optional.of(PromptSet.defaults("trec")), ModelPrompts.defaults(dir.toString(), "trec"));
        assertTrue(ModelPrompts.embedded(dir.toString()).isEmpty());
        assertEquals(Optional.of(EmbeddedModel.BGE_SMALL), ModelPrompts.embedded("bge-small"));
    }

    @Test
    void customTasksHaveNoDefaults() {
        assertEquals(Optional.empty(), ModelPrompts.defaults("bge-small", "reviews"));
        assertEquals(List.of(), ModelPrompts.defaults("default", "reviews").stream().toList());
    }
}
