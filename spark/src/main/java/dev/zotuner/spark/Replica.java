package dev.zotuner.spark;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.ForwardingObjective;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.optim.ProjectedGradient;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.rundir.JsonFields;
import dev.zotuner.tuner.train.FewShotSetup;
import dev.zotuner.tuner.train.FineTuneConfig;
import java.nio.file.Path;
import java.util.List;

/**
 * A worker's copy of a run: the model, split and objective built from the run's {@code config.json} (as
 * {@code zo finetune} builds them), a perturbation engine, and the run's optimizer at some step. It moves only by
 * {@link ZoOptimizer#replay} of the driver's logs, so every replica and the driver hold the same θ bit for bit at the
 * same step; probing leaves θ unchanged ({@link ZoOptimizer#probe}).
 */
final class Replica implements AutoCloseable {

    private final FewShotSetup setup;
    private final PerturbationEngine engine;
    private final ZoOptimizer optimizer;

    private Replica(FewShotSetup setup, PerturbationEngine engine, ZoOptimizer optimizer) {
        this.setup = setup;
        this.engine = engine;
        this.optimizer = optimizer;
    }

    /**
     * Loads the base model of the run whose config.json is {@code configJson}; a base model other than the one the
     * run recorded (another file on this worker) → one-line {@link IllegalArgumentException} naming both checksums.
     */
    static Replica load(String configJson, String cacheDir, Path runDir) {
        FineTuneConfig config;
        try {
            config = JsonFields.mapper().readValue(configJson, FineTuneConfig.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("replica: config.json unreadable: " + e.getOriginalMessage(), e);
        }
        FewShotSetup setup = FewShotSetup.load(config, cacheDir == null ? null : Path.of(cacheDir));
        try {
            if (config.provenance() != null) {
                config.provenance().requireBase(setup.model().prepared().checksum(), config.model().model(), runDir,
                        "probe on a worker");
            }
        } catch (RuntimeException e) {
            setup.close();
            throw e;
        }
        PerturbationEngine engine = config.engine();
        try {
            return new Replica(setup, engine, config.method().create(setup.model().parameters(), engine, config.settings()));
        } catch (RuntimeException e) {
            engine.close();
            setup.close();
            throw e;
        }
    }

    /** The step the replica is at (the number of steps applied). */
    long at() {
        return optimizer.steps();
    }

    /** Applies the logged step {@link #at()}. */
    void apply(LoggedStep step) {
        optimizer.replay(step.toStepLog());
    }

    /** The step's directions {@code first} … {@code last − 1} on {@code batch}; θ unchanged. */
    List<ProjectedGradient> probe(int[] batch, int first, int last, boolean failMidProbe) {
        Objective objective = failMidProbe ? failingAfterOneLoss(setup.objective()) : setup.objective();
        return optimizer.probe(objective, batch, first, last);
    }

    /** θ, for tests. */
    ParameterStore parameters() {
        return setup.model().parameters();
    }

    /** The test hook: the second loss (θ is at θ−εz then) throws. */
    private static Objective failingAfterOneLoss(Objective inner) {
        return new ForwardingObjective(inner) {
            private int calls;

            @Override
            public double loss(int[] examples) {
                if (++calls == 2) {
                    throw new IllegalStateException("injected worker failure mid-probe");
                }
                return super.loss(examples);
            }
        };
    }

    @Override
    public void close() {
        try {
            engine.close();
        } finally {
            setup.close();
        }
    }
}
