package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PromptOptionsTest {

    private static final Task TREC = Tasks.builtin("trec");

    private static PromptSet resolve(String model, String... args) {
        return CommandLine.populateCommand(new PromptOptions(), args).resolve(TREC, model);
    }

    @Test
    void withoutOptionsTheModelsDefaultsApply() {
        assertEquals(PromptSet.defaults("trec"), resolve("default"));
        PromptSet bge = resolve("bge-small");
        assertEquals("built-in bge-small trec prompts", bge.source());
        assertEquals("<sentence> The answer is [MASK] .", bge.template().pattern());
    }

    @Test
    void aTemplateOverridesTheModelsTemplateAndKeepsItsWords() {
        PromptSet p = resolve("bge-small", "--template", "<sentence> Answer: [MASK]");
        assertEquals("command line", p.source());
        assertEquals("<sentence> Answer: [MASK]", p.template().pattern());
        assertEquals("a place", p.labelWords().get("LOC"));
    }

    @Test
    void aVerbalizerOverridesTheWords() {
        PromptSet p = resolve("bge-small", "--verbalizer",
                "DESC=why,ENTY=what,ABBR=short,HUM=who,LOC=where,NUM=how many");
        assertEquals("<sentence> The answer is [MASK] .", p.template().pattern());
        assertEquals(Map.entry("HUM", "who"), p.labelWords().entrySet().stream()
                .filter(e -> e.getKey().equals("HUM")).findFirst().orElseThrow());
    }

    @Test
    void aPromptFileExcludesCommandLinePrompts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> resolve("bge-small", "--prompts", "p.json", "--template", "<sentence> [MASK]"));
        assertTrue(e.getMessage().contains("not both"), e.getMessage());
    }
}
