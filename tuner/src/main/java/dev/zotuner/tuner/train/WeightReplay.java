package dev.zotuner.tuner.train;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.run.ReplayStep;
import dev.zotuner.tuner.run.RunDirectory;

/**
 * Rebuilds θ at any logged step from the base model and the run's (seed, projected gradient, lr) log —
 * the kilobyte checkpoint MeZO's seed trick allows (Malladi et al. 2023, §2).
 */
public final class WeightReplay {

    private WeightReplay() {
    }

    /**
     * Replays steps 1..{@code step} onto {@code store}, which must hold the base model's weights.
     *
     * @throws IllegalArgumentException if the log does not reach {@code step}
     */
    public static void toStep(FineTuneConfig config, RunDirectory run, ParameterStore store, PerturbationEngine engine,
                              long step) {
        ZoOptimizer optimizer = config.method().create(store, engine, config.settings());
        for (ReplayStep r : run.replayLog()) {
            if (r.step() > step) {
                break;
            }
            optimizer.replay(StepLogCodec.decode(r, Double.NaN, Double.NaN));
        }
        if (optimizer.steps() != step) {
            throw new IllegalArgumentException(run.path().resolve("metrics.jsonl") + ": the log reaches step "
                    + optimizer.steps() + ", not " + step);
        }
    }
}
