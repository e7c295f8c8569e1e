package dev.zotuner.eval;

import dev.zotuner.models.source.EmbeddedModel;
import dev.zotuner.models.source.TaskPrompt;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.prompts.Template;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A task's default prompts for a model: the embedded model's own prompt for the task
 * ({@link EmbeddedModel#prompt}), else the task's built-in LM-BFF prompts ({@link PromptSet#defaults}).
 * Export directories and bare files have no prompts of their own.
 */
public final class ModelPrompts {

    private ModelPrompts() {
    }

    /**
     * The default prompts of {@code task} for {@code model} (a {@code --model} value), or empty if the task
     * has none (custom tasks).
     */
    public static Optional<PromptSet> defaults(String model, String task) {
        Optional<EmbeddedModel> embedded = embedded(model);
        Optional<TaskPrompt> own = embedded.flatMap(m -> m.prompt(task));
        if (own.isPresent()) {
            String source = "built-in " + embedded.get().id() + " " + task + " prompts";
            return Optional.of(new PromptSet(source, new Template(own.get().template()), own.get().labelWords()));
        }
        return PromptSet.DEFAULT_TASKS.contains(task) ? Optional.of(PromptSet.defaults(task)) : Optional.empty();
    }

    /** The embedded model {@code model} names; an existing path is a path, as {@code ModelLocator} reads it. */
    static Optional<EmbeddedModel> embedded(String model) {
        try {
            if (Files.exists(Path.of(model))) {
                return Optional.empty();
            }
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        return EmbeddedModel.find(model);
    }
}
