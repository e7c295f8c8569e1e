package dev.zotuner.tuner.toy;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.zotuner.tuner.objective.FlatMinimaExample;
import java.util.Locale;

/**
 * {@code summary.json} of a {@code zo toy flat-minima} run: how it ended and where. Non-finite numbers
 * (a diverged run) are written as null.
 *
 * @param status         {@code completed} or {@code diverged}
 * @param optimizer      {@code gd} or {@code zo-sgd}
 * @param steps          updates applied
 * @param seconds        wall time of the updates and their logging
 * @param initialLoss    L at x, y ~ N(0, I)
 * @param initialTrace   Tr ∇²L there
 * @param finalLoss      L after the last update
 * @param finalResidual  xᵀy − 1 after the last update (0 at every minimiser)
 * @param finalTrace     Tr ∇²L after the last update
 * @param finalLambdaMax λmax(∇²L) after the last update
 * @param flattestTrace  the smallest trace over all minimisers, 2
 * @param message        what went wrong, for a diverged run (else empty)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FlatMinimaSummary(String status, String optimizer, long steps, double seconds, double initialLoss,
                                double initialTrace, double finalLoss, double finalResidual, double finalTrace,
                                double finalLambdaMax, double flattestTrace, String message) {

    /** The summary of a run of {@code config} from {@code initial} to {@code last}. */
    static FlatMinimaSummary of(String status, FlatMinimaConfig config, long steps, double seconds,
                                FlatMinimaCurvature initial, FlatMinimaCurvature last, String message) {
        return new FlatMinimaSummary(status, config.method().id(), steps, seconds, initial.loss(), initial.trace(),
                last.loss(), last.residual(), last.trace(), last.lambdaMax(), FlatMinimaExample.flattestTrace(), message);
    }

    /** One line for the terminal, e.g. {@code zo-sgd completed 200000 steps in 3.1 s: L = 2.82e-05, r = ...}. */
    public String line() {
        return String.format(Locale.ROOT, "%s %s %d steps in %.1f s: L = %.3g, r = %.3g, Tr H = %.4g "
                        + "(from %.4g; flattest minimum %.0f)", optimizer, status, steps, seconds, finalLoss,
                finalResidual, finalTrace, initialTrace, flattestTrace);
    }
}
