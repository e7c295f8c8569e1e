package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.zotuner.models.Execution;
import dev.zotuner.tuner.optim.ZoMethod;

/**
 * How a run's forward passes execute (the {@code execution} object of {@code config.json}). Absent in runs written
 * before it existed: one session on the whole graph, as those runs were made, so they resume bit for bit.
 *
 * @param cacheMib     bound of the frozen-prefix cache in MiB (0 = off)
 * @param sharedPrefix MeZO-BCD runs the stages upstream of the step's block once per step, for both probes
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExecutionConfig(long cacheMib, boolean sharedPrefix) {

    public ExecutionConfig {
        if (cacheMib < 0) {
            throw new IllegalArgumentException("--cache-mib must be ≥ 0, got " + cacheMib);
        }
    }

    /** How runs made before this setting existed executed. */
    public static ExecutionConfig legacy() {
        return new ExecutionConfig(0, false);
    }

    /** The models-side choice: per-block stages only for MeZO-BCD with a shared prefix. */
    public Execution execution(ZoMethod method) {
        return new Execution(cacheMib, sharedPrefix && method == ZoMethod.MEZO_BCD);
    }
}
