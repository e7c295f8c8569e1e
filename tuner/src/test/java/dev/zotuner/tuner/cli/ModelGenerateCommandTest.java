package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.eval.TokenizerVocabulary;
import dev.zotuner.models.tokenizer.Tokenizer;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelGenerateCommandTest {

    private static final List<String> TINY = List.of("bert-tiny", "roberta-tiny", "opt-tiny", "llama-tiny");

    @TempDir
    Path tmp;

    @Test
    void generatesAModelThatEvalRunsOn() {
        Path dir = tmp.resolve("opt");
        CliRun gen = CliRun.of("model", "generate", "--shape", "opt-tiny", "--layout", "torch", "--out", dir.toString(),
                "--seed", "3");
        assertEquals(0, gen.exit(), gen.err());
        assertTrue(gen.out().startsWith("wrote " + dir + ": opt-tiny (OPTForCausalLM), "), gen.out());
        assertTrue(gen.out().contains("layout torch"), gen.out());
        assertTrue(gen.err().contains("zo model generate: ") && gen.err().contains("(100 %)"), gen.err());
        CliRun eval = CliRun.of("eval", "--model", dir.toString(), "--task", "sst2", "--test-cap", "8", "--seeds", "1",
                "--cache-dir", tmp.resolve("cache").toString());
        assertEquals(0, eval.exit(), eval.err());
        assertTrue(eval.out().contains("(8 test examples)"), eval.out());
    }

    @Test
    void everyBundledTasksLabelWordsAreSingleTokensOfEveryGeneratedTokenizer() {
        for (String shape : TINY) {
            Path dir = tmp.resolve(shape);
            assertEquals(0, CliRun.of("model", "generate", "--shape", shape, "--out", dir.toString()).exit());
            try (Tokenizer t = Tokenizer.open(dir.resolve("tokenizer.json"), 128)) {
                for (String task : PromptSet.DEFAULT_TASKS) {
                    Task loaded = Tasks.resolve(task, null, null);
                    PromptSet p = PromptSet.defaults(task);
                    long[] ids = p.verbalizer(loaded.labels()).tokenIds(new TokenizerVocabulary(t), p.template());
                    assertEquals(loaded.labels().size(), ids.length, shape + " " + task);
                }
            }
        }
    }

    @Test
    void refusesANonEmptyDirectoryAndUnknownShapesInOneLine() throws Exception {
        Path busy = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(busy.resolve("x"), "");
        CliRun run = CliRun.of("model", "generate", "--shape", "bert-tiny", "--out", busy.toString());
        assertEquals(1, run.exit());
        assertEquals("zo: " + busy + " is not empty; give a new or empty directory (nothing was overwritten)\n", run.err());
        CliRun shape = CliRun.of("model", "generate", "--shape", "gpt-9", "--out", tmp.resolve("n").toString());
        assertEquals(1, shape.exit());
        assertTrue(shape.err().startsWith("zo: unknown model shape 'gpt-9' (known: bert-base, "), shape.err());
        CliRun layout = CliRun.of("model", "generate", "--shape", "bert-tiny", "--layout", "zip", "--out",
                tmp.resolve("n").toString());
        assertEquals(1, layout.exit());
        assertEquals(1, layout.err().lines().count(), layout.err());
    }

    @Test
    void layersOverrideTheShape() {
        CliRun run = CliRun.of("model", "generate", "--shape", "llama-tiny", "--layers", "1", "--out",
                tmp.resolve("one").toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("llama-tiny-1l (LlamaForCausalLM)"), run.out());
        assertEquals(1, CliRun.of("model", "generate", "--shape", "llama-tiny", "--layers", "0", "--out",
                tmp.resolve("zero").toString()).exit());
    }
}
