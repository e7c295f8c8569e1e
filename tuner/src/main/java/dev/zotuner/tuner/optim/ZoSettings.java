package dev.zotuner.tuner.optim;

/**
 * Hyperparameters of a zeroth-order optimizer run; each method reads the ones it needs.
 *
 * @param lr           learning-rate schedule η_t
 * @param eps          perturbation scale ε (&gt; 0), rounded to float when added to θ
 * @param weightDecay  λ ≥ 0: the gradient estimate becomes g·z + λθ on tensors whose
 *                     {@code Parameter.decays()} (not biases, not LayerNorm)
 * @param momentum     heavy-ball β ∈ [0, 1) (ZO-SGD-MMT)
 * @param beta1        Adam β₁ ∈ [0, 1)
 * @param beta2        Adam β₂ ∈ [0, 1)
 * @param adamEpsilon  Adam's ε in the denominator (&gt; 0)
 * @param directions   n ≥ 1 directions averaged per step (n-SPSA)
 * @param blockOrder   MeZO-BCD block order
 * @param restoration  in-place (MeZO) or snapshot restoration
 * @param runSeed      the seed every random choice derives from (see {@link Seeds})
 */
public record ZoSettings(LearningRate lr, double eps, double weightDecay, double momentum, double beta1,
                         double beta2, double adamEpsilon, int directions, BlockOrder blockOrder,
                         Restoration restoration, long runSeed) {

    public ZoSettings {
        check(eps > 0 && eps < Double.POSITIVE_INFINITY, "eps " + eps + " must be > 0");
        check(weightDecay >= 0, "weight decay " + weightDecay + " must be >= 0");
        check(momentum >= 0 && momentum < 1, "momentum " + momentum + " must be in [0, 1)");
        check(beta1 >= 0 && beta1 < 1, "beta1 " + beta1 + " must be in [0, 1)");
        check(beta2 >= 0 && beta2 < 1, "beta2 " + beta2 + " must be in [0, 1)");
        check(adamEpsilon > 0, "Adam epsilon " + adamEpsilon + " must be > 0");
        check(directions >= 1, "directions " + directions + " must be >= 1");
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** Adam's ε (Kingma and Ba 2015; PyTorch's default), the one value every Adam in the toolkit uses. */
    public static final double ADAM_EPS = 1e-8;

    /** MeZO's defaults: η = 1e-6 constant, ε = 1e-3, no weight decay, in place; β = 0.9, Adam 0.9/0.999/1e-8. */
    public static ZoSettings defaults(long runSeed) {
        return new ZoSettings(LearningRate.constant(1e-6), 1e-3, 0, 0.9, 0.9, 0.999, ADAM_EPS, 1,
                BlockOrder.CYCLIC, Restoration.IN_PLACE, runSeed);
    }

    public ZoSettings withLr(LearningRate v) {
        return new ZoSettings(v, eps, weightDecay, momentum, beta1, beta2, adamEpsilon, directions, blockOrder, restoration, runSeed);
    }

    /** A constant learning rate. */
    public ZoSettings withLr(double v) {
        return withLr(LearningRate.constant(v));
    }

    public ZoSettings withEps(double v) {
        return new ZoSettings(lr, v, weightDecay, momentum, beta1, beta2, adamEpsilon, directions, blockOrder, restoration, runSeed);
    }

    public ZoSettings withWeightDecay(double v) {
        return new ZoSettings(lr, eps, v, momentum, beta1, beta2, adamEpsilon, directions, blockOrder, restoration, runSeed);
    }

    public ZoSettings withMomentum(double v) {
        return new ZoSettings(lr, eps, weightDecay, v, beta1, beta2, adamEpsilon, directions, blockOrder, restoration, runSeed);
    }

    public ZoSettings withAdam(double b1, double b2, double epsilon) {
        return new ZoSettings(lr, eps, weightDecay, momentum, b1, b2, epsilon, directions, blockOrder, restoration, runSeed);
    }

    public ZoSettings withDirections(int v) {
        return new ZoSettings(lr, eps, weightDecay, momentum, beta1, beta2, adamEpsilon, v, blockOrder, restoration, runSeed);
    }

    public ZoSettings withBlockOrder(BlockOrder v) {
        return new ZoSettings(lr, eps, weightDecay, momentum, beta1, beta2, adamEpsilon, directions, v, restoration, runSeed);
    }

    public ZoSettings withRestoration(Restoration v) {
        return new ZoSettings(lr, eps, weightDecay, momentum, beta1, beta2, adamEpsilon, directions, blockOrder, v, runSeed);
    }

    public ZoSettings withRunSeed(long v) {
        return new ZoSettings(lr, eps, weightDecay, momentum, beta1, beta2, adamEpsilon, directions, blockOrder, restoration, v);
    }
}
