package dev.zotuner.tuner.train;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.optim.IterateAverage;
import dev.zotuner.tuner.optim.StepLog;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.rundir.ReplayStep;
import dev.zotuner.tuner.rundir.StepLogCodec;
import java.util.ArrayList;
import java.util.List;

/**
 * Rebuilds θ at any logged step from the base model and the run's (seed, projected gradient, lr) log —
 * the kilobyte checkpoint MeZO's seed trick allows (Malladi et al. 2023, §2).
 */
public final class WeightReplay {

    private WeightReplay() {
    }

    /**
     * The step logs of steps 1..{@code step} (0-based {@link StepLog#step()} 0..step−1) as logged in the run's
     * {@code metrics.jsonl}, losses omitted (NaN): what a replica needs to catch up with a resumed run.
     *
     * @throws IllegalArgumentException if the log does not hold exactly those steps
     */
    public static List<StepLog> logged(RunDirectory run, long step) {
        List<StepLog> logs = new ArrayList<>();
        for (ReplayStep r : run.replayLog()) {
            if (r.step() > step) {
                break;
            }
            if (r.step() != logs.size() + 1) {
                throw new IllegalArgumentException(run.path().resolve("metrics.jsonl") + ": step " + (logs.size() + 1)
                        + " is missing from the log");
            }
            logs.add(StepLogCodec.decode(r, Double.NaN, Double.NaN));
        }
        if (logs.size() != step) {
            throw new IllegalArgumentException(run.path().resolve("metrics.jsonl") + ": the log reaches step "
                    + logs.size() + ", not " + step);
        }
        return logs;
    }

    /**
     * Replays steps 1..{@code step} onto {@code store}, which must hold the base model's weights; it then holds the
     * checkpoint of that step (for a run with {@code --average}, the iterate average, {@link IterateAverage}).
     *
     * @throws IllegalArgumentException if the log does not hold exactly steps 1..{@code step} ({@link #logged})
     */
    public static void toStep(FineTuneConfig config, RunDirectory run, ParameterStore store, PerturbationEngine engine,
                              long step) {
        ZoOptimizer optimizer = config.optimizer(store, engine);
        logged(run, step).forEach(optimizer::replay);
        optimizer.exchangeCheckpoint();
    }
}
