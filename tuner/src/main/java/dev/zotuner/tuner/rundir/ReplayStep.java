package dev.zotuner.tuner.rundir;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one optimizer step needs to be replayed from the θ it started at (MeZO's "seed + projected
 * gradient" trick, Malladi et al. 2023, §2: z is regenerated from its seed, so the step is the
 * update θ ← θ − η·g·z): read back from a {@code "type":"step"} line of {@code metrics.jsonl}.
 * Numbers come back with the bits they were written with.
 *
 * @param step          the line's {@code step}: updates applied once this step is done (1, 2, ...)
 * @param seed          perturbation seed of z
 * @param projectedGrad g = (L₊ − L₋)/(2ε); NaN if it was not finite
 * @param lr            η used at this step
 * @param extras        the optimizer's own fields as written ({@code block}, {@code accepted},
 *                      {@code directions}, ...): JSON numbers as Integer/Long/Double, objects as
 *                      maps, arrays as lists
 */
public record ReplayStep(long step, long seed, double projectedGrad, double lr,
                         Map<String, Object> extras) {

    public ReplayStep {
        extras = Collections.unmodifiableMap(new LinkedHashMap<>(extras));
    }
}
