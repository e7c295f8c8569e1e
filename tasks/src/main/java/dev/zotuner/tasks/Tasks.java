package dev.zotuner.tasks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Loads the built-in tasks (SST-2, SST-5, TREC) from the bundled, checksum-verified data.
 *
 * <pre>{@code
 * Task sst2 = Tasks.builtin("sst2");   // 6,920 train pool, 872 test
 * }</pre>
 * Each call reads and verifies the files again; callers keep the {@link Task} they need.
 */
public final class Tasks {

    private Tasks() {
    }

    /**
     * The built-in task {@code id} ({@code sst2}, {@code sst5} or {@code trec}).
     *
     * @throws IllegalArgumentException for an unknown id
     * @throws DataFileException        if a bundled file fails its SHA-256 check or cannot be parsed
     */
    public static Task builtin(String id) {
        return load(BuiltinTask.byId(id), BundledData.classpath());
    }

    /**
     * A built-in task by id, or a custom task whose training file is {@code idOrFile} (named after the
     * file, see {@link #nameOf}).
     *
     * @param testFile the custom task's evaluation file (ignored for a built-in task)
     */
    public static Task resolve(String idOrFile, Path testFile, CustomTaskOptions options) {
        if (builtinIds().contains(idOrFile)) {
            return builtin(idOrFile);
        }
        Path train = Path.of(idOrFile);
        if (!Files.isRegularFile(train)) {
            throw new IllegalArgumentException("unknown task '" + idOrFile + "' (bundled: "
                    + String.join(", ", builtinIds()) + "; or a TSV/CSV/JSONL file)");
        }
        if (testFile == null) {
            throw new IllegalArgumentException("custom task " + train + ": --test-file is required");
        }
        return CustomTask.load(nameOf(idOrFile), train, testFile, options);
    }

    /** The name of a task given as an id or a file: the id, or the file name without its extension. */
    public static String nameOf(String idOrFile) {
        return builtinIds().contains(idOrFile) ? idOrFile
                : Path.of(idOrFile).getFileName().toString().replaceFirst("\\.[^.]*$", "");
    }

    /** Ids of the built-in tasks. */
    public static List<String> builtinIds() {
        return Arrays.stream(BuiltinTask.values()).map(BuiltinTask::id).toList();
    }

    /** Loads {@code task} from {@code data}, verifying each file's checksum first. */
    static Task load(BuiltinTask task, BundledData data) {
        List<Example> train = read(task, task.trainFile(), data);
        List<Example> test = read(task, task.testFile(), data);
        String description = "built-in " + task.id() + ": train=" + task.trainFile() + " ("
                + train.size() + " rows), test=" + task.testFile() + " (" + test.size() + " rows)";
        return new Task(task.id(), task.labels(), train, test, description);
    }

    /** Parses a bundled {@code label<TAB>sentence} file (header line, no quoting). */
    private static List<Example> read(BuiltinTask task, String file, BundledData data) {
        String name = data.displayName(file);
        List<RawExample> raw = DelimitedText.read(data.text(file), TableFormat.TSV, name,
                CustomTaskOptions.defaults());
        List<Example> out = new ArrayList<>(raw.size());
        for (RawExample r : raw) {
            int label = task.labels().indexOf(r.label());
            if (label < 0) {
                throw new DataFileException(name, r.line(), "unknown label '" + r.label() + "'");
            }
            if (r.text().isBlank()) {
                throw new DataFileException(name, r.line(), "empty text");
            }
            out.add(new Example(out.size(), r.text(), label));
        }
        return out;
    }
}
