package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code summary.json}: how a run ended and what it reached.
 *
 * @param status                 {@code completed}, {@code stopped} (by --stop-after) or {@code diverged}
 * @param steps                  updates applied
 * @param bestStep               step of the checkpoint selected on dev ({@link CheckpointSelection}; 0 = the base model)
 * @param bestDevAccuracy        its dev accuracy
 * @param testAccuracy           test accuracy of the best weights (NaN until completed)
 * @param testMacroF1            test macro-F1 of the best weights
 * @param zeroShotTestAccuracy   test accuracy of the base model
 * @param seconds                wall time of the run, over all sessions
 * @param message                what went wrong, for a diverged run
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TrainingSummary(String status, long steps, long bestStep, double bestDevAccuracy, double testAccuracy,
                              double testMacroF1, double zeroShotTestAccuracy, double seconds, String message) {
}
