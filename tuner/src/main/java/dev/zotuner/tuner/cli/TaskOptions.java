package dev.zotuner.tuner.cli;

import dev.zotuner.tasks.CustomTaskOptions;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
import dev.zotuner.tasks.kshot.KShotSplit;
import dev.zotuner.tasks.kshot.TaskSplit;
import dev.zotuner.tuner.train.TaskSettings;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * Task and k-shot protocol options shared by {@code eval}, {@code finetune} and {@code trace}; mix in with
 * {@code @Mixin TaskOptions task;}.
 */
public final class TaskOptions {

    @Option(names = "--task", paramLabel = "sst2|sst5|trec|FILE",
            description = "A bundled task, or a custom training file (TSV/CSV/JSONL) with --test-file.")
    String task;

    @Option(names = "--test-file", paramLabel = "FILE", description = "Custom task: the evaluation file.")
    Path testFile;

    @Option(names = "--text-column", defaultValue = "sentence", paramLabel = "NAME|INDEX",
            description = "Custom task: text column (header name, 0-based index, or JSONL field). Default: ${DEFAULT-VALUE}.")
    String textColumn;

    @Option(names = "--label-column", defaultValue = "label", paramLabel = "NAME|INDEX",
            description = "Custom task: label column. Default: ${DEFAULT-VALUE}.")
    String labelColumn;

    @Option(names = "--no-header", description = "Custom task: TSV/CSV files have no header line.")
    boolean noHeader;

    @Option(names = "--labels", split = ",", paramLabel = "L1,L2,...",
            description = "Custom task: label values in class order (default: sorted distinct training labels).")
    List<String> labels;

    @Option(names = "--k", defaultValue = "16", paramLabel = "K",
            description = "Examples per class in the k-shot train (and dev) split. Default: ${DEFAULT-VALUE}.")
    int k;

    @Option(names = "--test-cap", defaultValue = "0", paramLabel = "N",
            description = "Evaluate on at most N test examples (fixed subsample); 0 = all. Default: ${DEFAULT-VALUE}.")
    int testCap;

    /** The task named by {@code --task}. */
    public Task load() {
        if (task == null) {
            throw new IllegalArgumentException("--task is required (sst2, sst5, trec, or a data file)");
        }
        return Tasks.resolve(task, testFile, customOptions());
    }

    /** How a custom task's files are read. */
    public CustomTaskOptions customOptions() {
        return CustomTaskOptions.defaults().withColumns(textColumn, labelColumn).withHeader(!noHeader)
                .withLabels(labels == null ? List.of() : labels);
    }

    /** The k-shot split of {@code loaded} for one seed. */
    public TaskSplit split(Task loaded, long seed) {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be ≥ 1, got " + k);
        }
        if (testCap < 0) {
            throw new IllegalArgumentException("--test-cap must be ≥ 0, got " + testCap);
        }
        return KShotSplit.sample(loaded, k, seed, testCap == 0 ? KShotSplit.NO_TEST_CAP : testCap);
    }

    /** The task id as given ({@code sst2}, or the custom file's path). */
    public String id() {
        return task;
    }

    public int k() {
        return k;
    }

    /** The task section of a run's config ({@code --k} and {@code --test-cap} checked as for {@link #split}). */
    public TaskSettings settings() {
        if (k < 1) {
            throw new IllegalArgumentException("--k must be ≥ 1, got " + k);
        }
        if (testCap < 0) {
            throw new IllegalArgumentException("--test-cap must be ≥ 0, got " + testCap);
        }
        return new TaskSettings(task, testFile, textColumn, labelColumn, !noHeader, labels, k, testCap);
    }
}
