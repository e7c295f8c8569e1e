package dev.zotuner.tuner.train;

import dev.zotuner.tasks.CustomTaskOptions;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The data a run learns from: a bundled task or custom files, and its k-shot split (the split's seed is the run
 * seed, {@link FineTuneConfig#seed()}).
 *
 * @param task        bundled task id or custom training file
 * @param testFile    custom task test file, or null
 * @param textColumn  custom task text column
 * @param labelColumn custom task label column
 * @param header      custom task files have a header
 * @param labels      custom task label values in class order (empty: derived)
 * @param k           examples per class
 * @param testCap     test subsample size, 0 = all
 */
public record TaskSettings(String task, Path testFile, String textColumn, String labelColumn, boolean header,
                           List<String> labels, int k, int testCap) {

    public TaskSettings {
        Objects.requireNonNull(task, "task");
        labels = labels == null ? List.of() : List.copyOf(labels);
    }

    /** The bundled task or the custom files named. */
    public Task load() {
        CustomTaskOptions options = CustomTaskOptions.defaults().withColumns(textColumn, labelColumn)
                .withHeader(header).withLabels(labels);
        return Tasks.resolve(task, testFile, options);
    }
}
