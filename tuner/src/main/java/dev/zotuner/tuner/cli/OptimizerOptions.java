package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.train.OptimizerSettings;
import dev.zotuner.tuner.train.PerturbationConfig;
import picocli.CommandLine.Option;

/** Zeroth-order optimizer options ({@code finetune}), typed when parsed; {@link #settings()} is what a run records. */
public final class OptimizerOptions {

    @Option(names = "--optimizer", converter = OptionChoices.Optimizer.class, completionCandidates = OptionChoices.Optimizer.class,
            defaultValue = "zo-sgd",
            paramLabel = "zo-sgd|zo-sgd-mmt|zo-adam|zo-sgd-sign|zo-sgd-cons|n-spsa|mezo-bcd",
            description = "Method. Default: ${DEFAULT-VALUE} (MeZO).")
    ZoMethod optimizer;

    @Option(names = "--lr", defaultValue = "2e-5", description = "Learning rate η. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--schedule", converter = OptionChoices.Schedule.class, completionCandidates = OptionChoices.Schedule.class,
            defaultValue = "constant", paramLabel = "constant|linear",
            description = "Learning-rate schedule. Default: ${DEFAULT-VALUE}.")
    LearningRate.Decay schedule;

    @Option(names = "--eps", defaultValue = "1e-3", description = "Perturbation scale ε. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--weight-decay", defaultValue = "0", description = "Weight decay (not on biases/LayerNorm). Default: ${DEFAULT-VALUE}.")
    double weightDecay;

    @Option(names = "--momentum", defaultValue = "0.9", description = "Heavy-ball β (zo-sgd-mmt). Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--beta1", defaultValue = "0.9", description = "Adam β₁. Default: ${DEFAULT-VALUE}.")
    double beta1;

    @Option(names = "--beta2", defaultValue = "0.999", description = "Adam β₂. Default: ${DEFAULT-VALUE}.")
    double beta2;

    @Option(names = "--directions", defaultValue = "1", description = "Directions averaged per step (n-spsa). Default: ${DEFAULT-VALUE}.")
    int directions;

    @Option(names = "--block-order", converter = OptionChoices.BlockOrder.class, completionCandidates = OptionChoices.BlockOrder.class,
            defaultValue = "cyclic", paramLabel = "cyclic|random",
            description = "MeZO-BCD block order. Default: ${DEFAULT-VALUE}.")
    dev.zotuner.tuner.optim.BlockOrder blockOrder;

    @Option(names = "--shared-prefix", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "MeZO-BCD runs the layers below the step's block once per step, for both probes "
                    + "(--no-shared-prefix: whole forward passes). Default: ${DEFAULT-VALUE}.")
    boolean sharedPrefix;

    @Option(names = "--restoration", converter = OptionChoices.Restoration.class, completionCandidates = OptionChoices.Restoration.class,
            defaultValue = "in-place", paramLabel = "in-place|snapshot",
            description = "Undo ±εz in place (MeZO) or from a copy of θ (exact, +4 B/param). Default: ${DEFAULT-VALUE}.")
    dev.zotuner.tuner.optim.Restoration restoration;

    @Option(names = "--noise", converter = OptionChoices.Noise.class, completionCandidates = OptionChoices.Noise.class,
            defaultValue = "gaussian", paramLabel = "gaussian|rademacher",
            description = "Direction distribution. Default: ${DEFAULT-VALUE}.")
    NoiseKind noise;

    @Option(names = "--perturbation", converter = OptionChoices.Perturbation.class, completionCandidates = OptionChoices.Perturbation.class,
            defaultValue = "dense", paramLabel = "dense|sparse|lowrank",
            description = "Direction structure: every coordinate (MeZO), a fresh random subset of --density of them "
                    + "scaled by 1/√density, or U·Vᵀ/√r per weight matrix (LOZO, --rank r). Default: ${DEFAULT-VALUE}.")
    String perturbation;

    @Option(names = "--density", defaultValue = "0.01", description = "Sparse perturbations: fraction of coordinates "
            + "per step. Default: ${DEFAULT-VALUE}.")
    double density;

    @Option(names = "--rank", defaultValue = "2", description = "Low-rank perturbations: rank r. Default: ${DEFAULT-VALUE}.")
    int rank;

    @Option(names = "--threads", defaultValue = "2", description = "Perturbation threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    /** The optimizer section of the run's config. */
    OptimizerSettings settings() {
        return new OptimizerSettings(optimizer, lr, schedule, eps, weightDecay, momentum, beta1, beta2, directions,
                blockOrder, restoration, noise, new PerturbationConfig(perturbation, density, rank), threads);
    }
}
