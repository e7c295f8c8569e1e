package dev.zotuner.tuner.train;

import dev.zotuner.eval.HeadWeights;
import dev.zotuner.tuner.rundir.HeadCheckpoint;

/**
 * Adam (Kingma &amp; Ba 2015, "Adam: A Method for Stochastic Optimization", Algorithm 1: β₁ = 0.9, β₂ = 0.999,
 * ε = 10⁻⁸, bias-corrected moments) on a {@link dev.zotuner.eval.PrototypeHead}'s weights, minimising the head's
 * cross-entropy plus (λ/2)(Σ‖w_c − w_c⁰‖² + Σ b_c²): an L2 pull toward the zero-shot head, which keeps the head of a
 * 16-shot task near the label prompts it started from (the plain linear probe is worse than zero-shot on SST-2).
 * Pure: every update is a function of the state and the gradient, in a fixed order of double operations, so a resumed
 * run continues bit for bit.
 */
final class HeadTrainer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final double lr;
    private final double decay;

    HeadTrainer(double lr, double decay) {
        if (!(lr > 0) || !(decay >= 0)) {
            throw new IllegalArgumentException("head lr " + lr + ", decay " + decay);
        }
        this.lr = lr;
        this.decay = decay;
    }

    HeadTrainer(HeadConfig config) {
        this(config.lr(), config.decay());
    }

    /**
     * The head's optimisation state.
     *
     * @param updates Adam steps taken
     * @param weights the current weights
     * @param initial the zero-shot weights w⁰ (zero biases)
     * @param m       first moment
     * @param v       second moment
     */
    record State(long updates, HeadWeights weights, HeadWeights initial, HeadWeights m, HeadWeights v) {

        /** The state before any update: the zero-shot weights. */
        static State start(HeadWeights initial) {
            HeadWeights zero = HeadWeights.zeros(initial.classes(), initial.dim());
            return new State(0, initial, initial, zero, zero);
        }

        /** As written to {@code head/step-<step>.json}. */
        HeadCheckpoint checkpoint(long step, double scale) {
            return new HeadCheckpoint(step, updates, scale, weights.prototypes(), weights.bias(), initial.prototypes(),
                    m.prototypes(), m.bias(), v.prototypes(), v.bias());
        }

        /** The state a checkpoint holds. */
        static State of(HeadCheckpoint c) {
            return new State(c.updates(), new HeadWeights(c.prototypes(), c.bias()),
                    new HeadWeights(c.initialPrototypes(), new double[c.bias().length]),
                    new HeadWeights(c.mPrototypes(), c.mBias()), new HeadWeights(c.vPrototypes(), c.vBias()));
        }
    }

    /** One Adam step on {@code gradient} (of the cross-entropy; the decay's gradient is added here). */
    State update(State s, HeadWeights gradient) {
        if (!s.weights().sameShape(gradient)) {
            throw new IllegalArgumentException("gradient " + gradient + " for weights " + s.weights());
        }
        long t = s.updates() + 1;
        double c1 = 1 - Math.pow(BETA1, t);
        double c2 = 1 - Math.pow(BETA2, t);
        int classes = gradient.classes();
        int dim = gradient.dim();
        double[][] w = new double[classes][dim];
        double[][] m = new double[classes][dim];
        double[][] v = new double[classes][dim];
        double[] b = new double[classes];
        double[] mb = new double[classes];
        double[] vb = new double[classes];
        for (int c = 0; c < classes; c++) {
            for (int j = 0; j < dim; j++) {
                double wj = s.weights().prototype(c, j);
                double g = gradient.prototype(c, j) + decay * (wj - s.initial().prototype(c, j));
                m[c][j] = BETA1 * s.m().prototype(c, j) + (1 - BETA1) * g;
                v[c][j] = BETA2 * s.v().prototype(c, j) + (1 - BETA2) * g * g;
                w[c][j] = wj - lr * (m[c][j] / c1) / (Math.sqrt(v[c][j] / c2) + EPSILON);
            }
            double bc = s.weights().bias(c);
            double g = gradient.bias(c) + decay * bc;
            mb[c] = BETA1 * s.m().bias(c) + (1 - BETA1) * g;
            vb[c] = BETA2 * s.v().bias(c) + (1 - BETA2) * g * g;
            b[c] = bc - lr * (mb[c] / c1) / (Math.sqrt(vb[c] / c2) + EPSILON);
        }
        return new State(t, new HeadWeights(w, b), s.initial(), new HeadWeights(m, mb), new HeadWeights(v, vb));
    }
}
