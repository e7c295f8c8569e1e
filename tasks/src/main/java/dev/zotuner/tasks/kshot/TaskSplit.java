package dev.zotuner.tasks.kshot;

import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.LabelSet;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One k-shot split of a task: the examples a run trains on, selects on, and is evaluated on.
 * Examples keep their source row indices, so the files written by {@link #writeTo(Path)} name
 * exactly which rows were used.
 *
 * @param task       task id
 * @param labels     the task's classes
 * @param train      k per class (fewer for short classes), in permuted order
 * @param dev        the next k per class, in permuted order
 * @param test       the evaluation set, possibly capped, in file order
 * @param provenance how the split was drawn
 */
public record TaskSplit(String task, LabelSet labels, List<Example> train, List<Example> dev,
                        List<Example> test, SplitProvenance provenance) {

    public TaskSplit {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(provenance, "provenance");
        train = List.copyOf(train);
        dev = List.copyOf(dev);
        test = List.copyOf(test);
    }

    /**
     * Writes {@code train.tsv}, {@code dev.tsv}, {@code test.tsv} (columns {@code row}, {@code label},
     * {@code text}; see {@link SplitFiles} for escaping) and {@code split.json} (provenance and
     * labels) into {@code dir}, creating it if needed and replacing earlier files.
     */
    public void writeTo(Path dir) {
        SplitFiles.write(this, dir);
    }

    /** Reads a split written by {@link #writeTo(Path)}. */
    public static TaskSplit readFrom(Path dir) {
        return SplitFiles.read(dir);
    }
}
