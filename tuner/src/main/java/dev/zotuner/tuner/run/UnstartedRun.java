package dev.zotuner.tuner.run;

import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.RunConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A run directory whose run stopped before it logged anything: at most {@code config.json}, an <em>empty</em>
 * {@code metrics.jsonl} and the k-shot split, what a failure while loading the model or scoring step 0 leaves. There
 * is nothing to resume, so a new run may start in it again: {@link #clear} removes those files (the metrics file is
 * kept, empty, under the new run's lock). A directory holding anything else is not one.
 */
final class UnstartedRun {

    /** Files {@code TaskSplit.writeTo} writes into {@code split/}. */
    private static final Set<String> SPLIT_FILES = Set.of("train.tsv", "dev.tsv", "test.tsv", "split.json");

    private UnstartedRun() {
    }

    /** Whether {@code dir} holds only what a run that logged nothing wrote. */
    static boolean is(Path dir) {
        Path metrics = dir.resolve(MetricsLog.FILE);
        try {
            if (!Files.isRegularFile(metrics) || Files.size(metrics) != 0) {
                return false;
            }
            for (Path p : list(dir)) {
                String name = p.getFileName().toString();
                boolean ours = name.equals(MetricsLog.FILE) || name.equals(RunConfig.FILE) && Files.isRegularFile(p)
                        || name.equals(RunDirectory.SPLIT) && Files.isDirectory(p) && onlySplitFiles(p);
                if (!ours) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list: " + e.getMessage(), e);
        }
    }

    /** Deletes the config and the split of an unstarted run in {@code dir}; the empty metrics file stays. */
    static void clear(Path dir) {
        try {
            Path split = dir.resolve(RunDirectory.SPLIT);
            if (Files.isDirectory(split)) {
                for (Path p : list(split)) {
                    Files.delete(p);
                }
                Files.delete(split);
            }
            Files.deleteIfExists(dir.resolve(RunConfig.FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot clear the earlier start: " + e.getMessage(), e);
        }
    }

    private static boolean onlySplitFiles(Path split) throws IOException {
        for (Path p : list(split)) {
            if (!SPLIT_FILES.contains(p.getFileName().toString()) || !Files.isRegularFile(p)) {
                return false;
            }
        }
        return true;
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.toList();
        }
    }
}
