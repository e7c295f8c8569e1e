package dev.zotuner.tasks;

import java.util.Objects;

/**
 * One labelled example of a classification task.
 *
 * @param row   0-based index of the example among the data records of its source file (header and
 *              blank lines not counted), so a split can say exactly which rows it used
 * @param text  the input text, as in the file
 * @param label class index into the task's {@link LabelSet}
 */
public record Example(int row, String text, int label) {

    public Example {
        Objects.requireNonNull(text, "text");
        if (row < 0) {
            throw new IllegalArgumentException("row must be >= 0, got " + row);
        }
        if (label < 0) {
            throw new IllegalArgumentException("label must be >= 0, got " + label);
        }
    }
}
