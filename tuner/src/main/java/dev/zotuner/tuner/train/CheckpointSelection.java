package dev.zotuner.tuner.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Which evaluated checkpoint a run keeps and tests: the best dev statistic among the evaluations at step ≥
 * {@code from} (the {@code selection} object of {@code config.json}; absent — every run made before it, and runs
 * with the defaults — : dev accuracy, step 0 included, as before).
 *
 * <p>On few-shot dev splits (32–96 examples) accuracy moves in steps of one example, so many checkpoints tie and a
 * lucky one wins; the dev cross-entropy is a continuous statistic of the same forward passes. LM-BFF (Gao, Fisch
 * &amp; Chen, ACL 2021) selects from step 100 on, so the zero-shot model is not a candidate; {@code from = 0} keeps it
 * one (a run then never reports a model worse than zero-shot on dev). When no evaluation reaches {@code from}, the run
 * falls back to the base model.
 *
 * @param statistic {@code accuracy} (higher wins) or {@code loss} (dev cross-entropy, lower wins); ties: the first
 * @param from      first step that is a candidate; 0: the base model is one too
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckpointSelection(String statistic, long from) {

    /** Higher dev accuracy wins. */
    public static final String ACCURACY = "accuracy";
    /** Lower dev cross-entropy wins. */
    public static final String LOSS = "loss";

    public CheckpointSelection {
        statistic = statistic == null ? ACCURACY : statistic;
        if (!statistic.equals(ACCURACY) && !statistic.equals(LOSS)) {
            throw refused(statistic);
        }
        if (from < 0) {
            throw new IllegalArgumentException("--select-from must be ≥ 0, got " + from);
        }
    }

    /** The selection of {@code --select dev-accuracy|dev-loss} ({@code config.json} spells the statistic without "dev-"). */
    public static CheckpointSelection ofOption(String select, long from) {
        for (String statistic : new String[] {ACCURACY, LOSS}) {
            if (select.strip().equals("dev-" + statistic)) {
                return new CheckpointSelection(statistic, from);
            }
        }
        throw refused(select);
    }

    private static IllegalArgumentException refused(String spelling) {
        return new IllegalArgumentException("--select must be 'dev-accuracy' or 'dev-loss', got '" + spelling + "'");
    }

    /** Dev accuracy, the base model a candidate: what every run did before this setting existed. */
    public static CheckpointSelection devAccuracy() {
        return new CheckpointSelection(ACCURACY, 0);
    }

    /** Whether this is {@link #devAccuracy()} (config.json then leaves the object out). */
    @JsonIgnore
    public boolean isDefault() {
        return equals(devAccuracy());
    }

    /** Whether the checkpoint of {@code step} may be selected. */
    public boolean candidate(long step) {
        return step >= from;
    }

    /** The value to maximise for a checkpoint with these dev scores. */
    public double key(double accuracy, double loss) {
        return statistic.equals(ACCURACY) ? accuracy : -loss;
    }
}
