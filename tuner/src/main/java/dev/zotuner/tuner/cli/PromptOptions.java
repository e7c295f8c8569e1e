package dev.zotuner.tuner.cli;

import dev.zotuner.eval.ModelPrompts;
import dev.zotuner.eval.SimilarityHead;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Template;
import dev.zotuner.tasks.Task;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Prompt options shared by {@code eval}, {@code finetune} and {@code trace}: a prompt file, or a template and
 * label words on the command line; the model's defaults for the task otherwise (LM-BFF's, unless an embedded
 * model has its own).
 */
public final class PromptOptions {

    @Option(names = "--prompts", paramLabel = "FILE.json",
            description = "Template and label words as JSON: {\"template\": \"<sentence> It was [MASK] .\", "
                    + "\"labelWords\": {\"0\": \"terrible\", \"1\": \"great\"}}.")
    Path file;

    @Option(names = "--template", paramLabel = "TEXT",
            description = "Prompt template with <sentence> and [MASK], e.g. '<sentence> It was [MASK] .'")
    String template;

    @Option(names = "--verbalizer", paramLabel = "LABEL=WORD,...", split = ",",
            description = "Label words, e.g. 0=terrible,1=great (label values as in the data).")
    Map<String, String> verbalizer;

    @Option(names = "--similarity-scale", defaultValue = "" + SimilarityHead.DEFAULT_SCALE, paramLabel = "S",
            description = "Encoder head: logits are S times cosine similarity. Default: ${DEFAULT-VALUE}.")
    double similarityScale;

    /**
     * The prompts for {@code task} on {@code model} (the {@code --model} value): the prompt file, else
     * command-line overrides of the defaults, which are the model's own (see {@link ModelPrompts}).
     */
    public PromptSet resolve(Task task, String model) {
        if (file != null) {
            if (template != null || verbalizer != null) {
                throw new IllegalArgumentException("give either --prompts or --template/--verbalizer, not both");
            }
            return PromptSet.fromJson(file);
        }
        PromptSet base = ModelPrompts.defaults(model, task.name()).orElse(null);
        if (base == null && (template == null || verbalizer == null)) {
            throw new IllegalArgumentException("task " + task.name() + " has no default prompts: give --prompts FILE "
                    + "or --template and --verbalizer");
        }
        Template t = template != null ? new Template(template) : base.template();
        Map<String, String> words = verbalizer != null ? new LinkedHashMap<>(verbalizer) : base.labelWords();
        String source = base != null && template == null && verbalizer == null ? base.source() : "command line";
        return new PromptSet(source, t, words);
    }

    public double similarityScale() {
        return similarityScale;
    }
}
