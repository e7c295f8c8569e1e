package dev.zotuner.tasks;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * How to read a custom task's files.
 *
 * @param format      the file format, or {@code null} to take it from each file's extension
 * @param textColumn  the text column: a header name, a 0-based index when there is no header, or
 *                    the JSONL field name
 * @param labelColumn the label column, same conventions
 * @param header      whether TSV/CSV files start with a header line (ignored for JSONL)
 * @param labels      the label values in class order; empty means the sorted distinct values of the
 *                    training file (numeric order if all are integers, else string order)
 */
public record CustomTaskOptions(TableFormat format, String textColumn, String labelColumn,
                                boolean header, List<String> labels) {

    public CustomTaskOptions {
        Objects.requireNonNull(textColumn, "textColumn");
        Objects.requireNonNull(labelColumn, "labelColumn");
        labels = List.copyOf(labels);
        if (textColumn.isBlank() || labelColumn.isBlank()) {
            throw new IllegalArgumentException("text and label columns must not be blank");
        }
        if (textColumn.equals(labelColumn)) {
            throw new IllegalArgumentException("text and label column are both '" + textColumn + "'");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("duplicate value in labels " + labels);
        }
        if (labels.size() == 1) {
            throw new IllegalArgumentException("labels needs at least 2 values, got " + labels);
        }
    }

    /** Format from the extension, columns {@code sentence} and {@code label}, header, derived labels. */
    public static CustomTaskOptions defaults() {
        return new CustomTaskOptions(null, "sentence", "label", true, List.of());
    }

    public CustomTaskOptions withFormat(TableFormat f) {
        return new CustomTaskOptions(f, textColumn, labelColumn, header, labels);
    }

    public CustomTaskOptions withColumns(String text, String label) {
        return new CustomTaskOptions(format, text, label, header, labels);
    }

    public CustomTaskOptions withHeader(boolean h) {
        return new CustomTaskOptions(format, textColumn, labelColumn, h, labels);
    }

    public CustomTaskOptions withLabels(List<String> l) {
        return new CustomTaskOptions(format, textColumn, labelColumn, header, l);
    }

    /** The format used for {@code file}: the set one, else the one its extension names. */
    public TableFormat formatFor(Path file) {
        return format != null ? format : TableFormat.forFile(file);
    }
}
