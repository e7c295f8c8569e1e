package dev.zotuner.tuner.rundir;

import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A run's {@code summary.json}, written when training ends. Every field may be absent: numbers are
 * then NaN, the best step empty.
 *
 * @param bestStep              step with the best dev accuracy
 * @param bestDevAccuracy       best dev accuracy, fraction in [0, 1]
 * @param testAccuracy          test accuracy of the selected θ
 * @param testMacroF1           test macro-F1 of the selected θ
 * @param zeroShotTestAccuracy  test accuracy before fine-tuning
 * @param status                {@code completed}, {@code stopped} or {@code diverged} ({@code completed} when a summary
 *                              written before the field existed lacks it); null without a summary
 * @param steps                 updates applied (0 when absent)
 */
public record RunSummary(OptionalLong bestStep, double bestDevAccuracy, double testAccuracy,
                         double testMacroF1, double zeroShotTestAccuracy, String status, long steps) {

    /** How a run whose summary has no {@code status} ended (summaries were written only on completion then). */
    public static final String COMPLETED = "completed";

    /** The file name inside a run directory. */
    public static final String FILE = "summary.json";

    /** A run without {@code summary.json} (still training, or stopped early). */
    public static RunSummary empty() {
        return new RunSummary(OptionalLong.empty(), Double.NaN, Double.NaN, Double.NaN, Double.NaN, null, 0);
    }

    /** Reads {@code file}; malformed JSON or a mistyped field → {@link RunDirectoryException}. */
    public static RunSummary read(Path file) {
        JsonFields f = JsonFields.read(file);
        OptionalLong best = f.has("best_step") ? OptionalLong.of(f.integer("best_step"))
                : OptionalLong.empty();
        return new RunSummary(best, f.optionalNumber("best_dev_accuracy"),
                f.optionalNumber("test_accuracy"), f.optionalNumber("test_macro_f1"),
                f.optionalNumber("zero_shot_test_accuracy"), f.has("status") ? f.text("status") : COMPLETED,
                f.has("steps") ? f.integer("steps") : 0);
    }
}
