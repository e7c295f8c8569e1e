package dev.zotuner.tasks;

import java.util.List;
import java.util.Objects;

/**
 * A text-classification task: its classes, the pool that k-shot splits are drawn from, and the
 * evaluation set.
 *
 * @param name        short id, e.g. {@code sst2}
 * @param labels      the classes
 * @param train       the training pool (k-shot train and dev are both drawn from it)
 * @param test        the evaluation set (for SST-2 the 872-sentence dev set, as LM-BFF/MeZO report)
 * @param description where the data came from, one line (written into split provenance)
 */
public record Task(String name, LabelSet labels, List<Example> train, List<Example> test,
                   String description) {

    public Task {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(description, "description");
        train = List.copyOf(train);
        test = List.copyOf(test);
        checkLabels(name, "train", train, labels.size());
        checkLabels(name, "test", test, labels.size());
    }

    /** Number of classes. */
    public int numClasses() {
        return labels.size();
    }

    private static void checkLabels(String task, String part, List<Example> examples, int classes) {
        for (Example e : examples) {
            if (e.label() >= classes) {
                throw new IllegalArgumentException(task + " " + part + " row " + e.row()
                        + ": label index " + e.label() + " out of range for " + classes + " classes");
            }
        }
    }
}
