package dev.zotuner.tuner.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A run's budget beyond its step count, for time-to-accuracy comparisons (the {@code budget} object of
 * {@code config.json}; absent in older runs: none).
 *
 * @param seconds   stop once this many seconds were spent in steps (evaluation and snapshots not counted; summed
 *                  over resumed sessions); 0 = no time limit
 * @param testCurve also score the test split at every dev evaluation ({@code "split":"test-curve"} lines), so
 *                  test accuracy can be plotted against time; the final {@code test} line still scores the best
 *                  dev checkpoint
 * @param evaluations the budget also counts the dev evaluations (a user's wall clock between the first step and the
 *                    last evaluation; the test-curve scoring, a measurement only, is not counted), and so does
 *                    {@code train_seconds} of the step lines; written only when true (absent: steps only, as before)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record BudgetConfig(double seconds, boolean testCurve,
                           @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean evaluations) {

    public BudgetConfig {
        if (!(seconds >= 0) || Double.isInfinite(seconds)) {
            throw new IllegalArgumentException("--time-budget must be ≥ 0 seconds, got " + seconds);
        }
    }

    /** Steps only. */
    public BudgetConfig(double seconds, boolean testCurve) {
        this(seconds, testCurve, false);
    }

    /** No budget beyond the steps. */
    public static BudgetConfig none() {
        return new BudgetConfig(0, false);
    }

    /** Whether {@code trainSeconds} exhausts the time budget. */
    public boolean exhausted(double trainSeconds) {
        return seconds > 0 && trainSeconds >= seconds;
    }
}
