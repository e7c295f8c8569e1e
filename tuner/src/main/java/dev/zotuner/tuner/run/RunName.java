package dev.zotuner.tuner.run;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;

/**
 * The default name of a run directory, {@code <task>-k<k>-s<seed>-<optimizer>-<yyyyMMdd-HHmmss>}
 * (e.g. {@code sst2-k16-s42-zo-sgd-20250301-142501}), so runs sort by what they are, then by when.
 * Characters other than letters, digits, {@code .}, {@code _} and {@code -} become {@code _}.
 *
 * @param task      task id (a custom task's file name works too)
 * @param k         examples per class
 * @param seed      the run's seed
 * @param optimizer optimizer id, e.g. {@code zo-sgd}
 * @param start     local start time (from the caller's clock, so tests can fix it)
 */
public record RunName(String task, int k, long seed, String optimizer, LocalDateTime start) {

    /** Where runs go when the user names no directory. */
    public static final Path DEFAULT_BASE = Path.of("runs");

    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    public RunName {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(start, "start");
    }

    /** The directory name. */
    public String value() {
        return clean(task) + "-k" + k + "-s" + seed + "-" + clean(optimizer) + "-"
                + STAMP.format(start);
    }

    /** The directory {@code base/<name>}. */
    public Path under(Path base) {
        return base.resolve(value());
    }

    private static String clean(String part) {
        String s = part.replaceAll("[^A-Za-z0-9._-]+", "_").replaceFirst("^\\.+", "");
        return s.isEmpty() ? "_" : s;
    }
}
