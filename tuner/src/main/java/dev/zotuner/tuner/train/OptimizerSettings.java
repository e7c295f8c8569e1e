package dev.zotuner.tuner.train;

import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.List;
import java.util.Objects;

/**
 * The zeroth-order method and its hyper-parameters, typed; {@link #zoSettings} is what the optimizer reads.
 *
 * @param method       the method ({@link ZoMethod#id()} on the command line and in config.json)
 * @param lr           learning rate η (&gt; 0)
 * @param schedule     constant or linear decay to 0 at the last step
 * @param eps          perturbation scale ε
 * @param weightDecay  λ (not on biases/LayerNorm)
 * @param momentum     heavy-ball β
 * @param beta1        Adam β₁
 * @param beta2        Adam β₂
 * @param directions   n-SPSA directions per step
 * @param blockOrder   MeZO-BCD order
 * @param restoration  in place (MeZO) or from a snapshot
 * @param noise        Gaussian or Rademacher directions
 * @param perturbation dense, sparse or low-rank directions
 * @param threads      perturbation threads
 */
public record OptimizerSettings(ZoMethod method, double lr, LearningRate.Decay schedule, double eps,
                                double weightDecay, double momentum, double beta1, double beta2, int directions,
                                BlockOrder blockOrder, Restoration restoration, NoiseKind noise,
                                PerturbationConfig perturbation, int threads) {

    /** {@code --optimizer}: the method ids. */
    public static final Vocabulary<ZoMethod> METHODS = new Vocabulary<>("--optimizer", List.of(ZoMethod.values()), ZoMethod::id);
    /** {@code --schedule}: constant, linear. */
    public static final Vocabulary<LearningRate.Decay> SCHEDULES = Vocabulary.lowerCase("--schedule", LearningRate.Decay.class);
    /** {@code --block-order}: cyclic, random (a fresh permutation every B steps). */
    public static final Vocabulary<BlockOrder> BLOCK_ORDERS = new Vocabulary<>("--block-order", List.of(BlockOrder.values()),
            b -> b == BlockOrder.CYCLIC ? "cyclic" : "random");
    /** {@code --restoration}: in-place, snapshot. */
    public static final Vocabulary<Restoration> RESTORATIONS = Vocabulary.lowerCase("--restoration", Restoration.class);
    /** {@code --noise}: gaussian, rademacher. */
    public static final Vocabulary<NoiseKind> NOISES = Vocabulary.lowerCase("--noise", NoiseKind.class);

    public OptimizerSettings {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(schedule, "schedule");
        Objects.requireNonNull(blockOrder, "blockOrder");
        Objects.requireNonNull(restoration, "restoration");
        Objects.requireNonNull(noise, "noise");
        perturbation = perturbation == null ? PerturbationConfig.dense() : perturbation;
        check(lr > 0, "--lr must be > 0, got " + lr);
        check(threads >= 1, "--threads must be ≥ 1, got " + threads);
        // ε, β, directions… checked where they are defined (the fields are not assigned yet: no accessors here)
        ZoSettings.defaults(0).withEps(eps).withWeightDecay(weightDecay).withMomentum(momentum)
                .withAdam(beta1, beta2, ZoSettings.ADAM_EPS).withDirections(directions);
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The optimizer's view: seeded by the run seed, the linear schedule ending at {@code steps}. */
    public ZoSettings zoSettings(long runSeed, long steps) {
        LearningRate rate = schedule == LearningRate.Decay.LINEAR ? LearningRate.linear(lr, steps) : LearningRate.constant(lr);
        return ZoSettings.defaults(runSeed).withLr(rate).withEps(eps).withWeightDecay(weightDecay).withMomentum(momentum)
                .withAdam(beta1, beta2, ZoSettings.ADAM_EPS).withDirections(directions).withBlockOrder(blockOrder)
                .withRestoration(restoration);
    }

    /** The perturbation engine steps, replay and export use (the caller closes it). */
    public PerturbationEngine engine() {
        return new PerturbationEngine(threads, noise, perturbation.toStructure());
    }
}
