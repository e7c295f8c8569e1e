package dev.zotuner.tuner.train;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * <p>With {@code average} H &gt; 0 the checkpoint of step t is not the iterate θ_t but the running average of the
 * iterates over about the last H steps ({@link dev.zotuner.tuner.optim.IterateAverage}, Polyak–Ruppert averaging): it
 * is what the dev and test evaluations score, what the run keeps, tests and exports.
 *
 * @param statistic {@code accuracy} (higher wins) or {@code loss} (dev cross-entropy, lower wins); ties: the first
 * @param from      first step that is a candidate; 0: the base model is one too
 * @param average   the averaging horizon H in steps; 0: the iterates themselves (absent from config.json then)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record CheckpointSelection(String statistic, long from,
                                  @JsonInclude(JsonInclude.Include.NON_DEFAULT) long average) {

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
        if (average < 0) {
            throw new IllegalArgumentException("--average must be ≥ 0 steps (0: no averaging), got " + average);
        }
    }

    /** The iterates themselves are the checkpoints. */
    public CheckpointSelection(String statistic, long from) {
        this(statistic, from, 0);
    }

    /** This selection over the checkpoints averaged with horizon {@code steps} (0: the iterates). */
    public CheckpointSelection averaging(long steps) {
        return new CheckpointSelection(statistic, from, steps);
    }

    /** Whether the checkpoints are iterate averages. */
    @JsonIgnore
    public boolean averaged() {
        return average > 0;
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
