package dev.zotuner.tasks;

import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Loads a task from the user's own TSV, CSV or JSONL files (see {@link TableFormat}).
 *
 * <pre>{@code
 * Task t = CustomTask.load("reviews", Path.of("train.csv"), Path.of("test.csv"),
 *         CustomTaskOptions.defaults().withColumns("review", "stars").withLabels(List.of("1", "2", "3")));
 * }</pre>
 * Every problem is a {@link DataFileException} naming the file and line: a missing column or field,
 * an empty text or label, a label outside the label set, malformed JSON or CSV quoting, bad UTF-8.
 */
public final class CustomTask {

    private CustomTask() {
    }

    /**
     * Reads a task.
     *
     * @param name  the task's id (used in run directories and messages)
     * @param train the training pool (k-shot train and dev are drawn from it)
     * @param test  the evaluation set
     */
    public static Task load(String name, Path train, Path test, CustomTaskOptions options) {
        List<RawExample> trainRaw = read(train, options);
        List<RawExample> testRaw = read(test, options);
        LabelSet labels = options.labels().isEmpty()
                ? LabelSet.of(sortedDistinct(trainRaw, train.toString()))
                : LabelSet.of(options.labels());
        String origin = options.labels().isEmpty() ? "labels found in " + train : "labels";
        return new Task(name, labels,
                examples(trainRaw, labels, train.toString(), origin),
                examples(testRaw, labels, test.toString(), origin),
                "custom task " + name + ": train=" + train + ", test=" + test);
    }

    /** The raw records of one file, with empty texts and labels rejected. */
    static List<RawExample> read(Path file, CustomTaskOptions options) {
        String name = file.toString();
        String content = TextFiles.decodeUtf8(TextFiles.readBytes(file), name);
        List<RawExample> raw = options.formatFor(file) == TableFormat.JSONL
                ? JsonLines.read(content, name, options.textColumn(), options.labelColumn())
                : DelimitedText.read(content, options.formatFor(file), name, options);
        for (RawExample r : raw) {
            if (r.text().isBlank()) {
                throw new DataFileException(name, r.line(), "empty text in '" + options.textColumn() + "'");
            }
            if (r.label().isEmpty()) {
                throw new DataFileException(name, r.line(), "empty label in '" + options.labelColumn() + "'");
            }
        }
        if (raw.isEmpty()) {
            throw new DataFileException(name, 0, "no records");
        }
        return raw;
    }

    /** Distinct labels, in numeric order if all are integers, else in string order. */
    static List<String> sortedDistinct(List<RawExample> raw, String file) {
        TreeSet<String> distinct = new TreeSet<>();
        raw.forEach(r -> distinct.add(r.label()));
        if (distinct.size() < 2) {
            throw new DataFileException(file, 0, "needs at least 2 distinct labels, found " + distinct);
        }
        boolean numeric = distinct.stream().allMatch(s -> s.matches("[+-]?\\d+"));
        Comparator<String> order = numeric
                ? Comparator.comparing(BigInteger::new)
                : Comparator.naturalOrder();
        return distinct.stream().sorted(order).toList();
    }

    private static List<Example> examples(List<RawExample> raw, LabelSet labels, String file,
                                          String origin) {
        List<Example> out = new ArrayList<>(raw.size());
        for (RawExample r : raw) {
            int label = labels.indexOf(r.label());
            if (label < 0) {
                throw new DataFileException(file, r.line(), "unknown label '" + r.label() + "' ("
                        + origin + ": " + String.join(", ", labels.values()) + ")");
            }
            out.add(new Example(out.size(), r.text(), label));
        }
        return out;
    }
}
