package dev.zotuner.tasks;

import java.util.HashSet;
import java.util.List;

/**
 * The classes of a task, in class-index order.
 *
 * @param values the label as written in the data files (e.g. {@code 0}, {@code ABBR}); class index
 *               {@code i} is {@code values.get(i)}
 * @param names  a human-readable name per class (e.g. {@code negative}, {@code abbreviation})
 */
public record LabelSet(List<String> values, List<String> names) {

    public LabelSet {
        values = List.copyOf(values);
        names = List.copyOf(names);
        if (values.size() < 2) {
            throw new IllegalArgumentException("a label set needs at least 2 labels, got " + values);
        }
        if (names.size() != values.size()) {
            throw new IllegalArgumentException(
                    "label set has " + values.size() + " values but " + names.size() + " names");
        }
        if (new HashSet<>(values).size() != values.size()) {
            throw new IllegalArgumentException("duplicate label values in " + values);
        }
        for (String v : values) {
            if (v.isBlank()) {
                throw new IllegalArgumentException("blank label value in " + values);
            }
        }
    }

    /** A label set whose names are its values. */
    public static LabelSet of(List<String> values) {
        return new LabelSet(values, values);
    }

    /** Number of classes. */
    public int size() {
        return values.size();
    }

    /** The file value of class {@code label}. */
    public String value(int label) {
        return values.get(label);
    }

    /** The readable name of class {@code label}. */
    public String name(int label) {
        return names.get(label);
    }

    /** Class index of a file value, or -1 if it is not a label of this set. */
    public int indexOf(String value) {
        return values.indexOf(value);
    }
}
