package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.perturb.PerturbationEngine;

/**
 * ZO-SGD-Cons, the conservative update (Kim et al., "Curvature-Aware Derivative-Free Optimization",
 * 2021; ZO-SGD-Cons in Zhang et al., ICML 2024): after estimating d = g·z + λθ, evaluate the
 * mini-batch loss at θ − ηd, θ + ηd and θ and keep the best, so the step never increases the loss on
 * its batch. Five forward passes per step.
 *
 * <p>Always keeps a snapshot (4 bytes per parameter) so the rejected candidates are undone exactly —
 * with in-place arithmetic "staying at θ" would not return the same bits. Ties prefer θ, then θ − ηd.
 */
final class ZoSgdCons extends TwoPointOptimizer {

    ZoSgdCons(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        super(store, engine, settings, Restoration.SNAPSHOT);
    }

    @Override
    public ZoMethod method() {
        return ZoMethod.ZO_SGD_CONS;
    }

    @Override
    protected Update update(Step s) {
        return candidate(s, 1);
    }

    /** The accepted move needs a third loss, so the directions' losses alone do not determine the step. */
    @Override
    protected boolean estimatesSuffice() {
        return false;
    }

    @Override
    protected int finish(Step s, Objective objective, int[] batch, StepLog logged) {
        if (logged != null) {
            pass(s, candidate(s, logged.accepted()));
            return logged.accepted();
        }
        pass(s, candidate(s, 1));
        double descend = finiteOrInfinity(objective.loss(batch));
        pass(s, candidate(s, -1));
        double ascend = finiteOrInfinity(objective.loss(batch));
        pass(s, candidate(s, 0));
        double stay = objective.loss(batch);
        int best = stay <= Math.min(descend, ascend) ? 0 : descend <= ascend ? 1 : -1;
        if (best != 0) {
            pass(s, candidate(s, best));
        }
        return best;
    }

    /** A NaN loss must never win the comparison. */
    private static double finiteOrInfinity(double loss) {
        return Double.isNaN(loss) ? Double.POSITIVE_INFINITY : loss;
    }

    /** θ − sign·η(g·z + λθ) from the restored θ. */
    private Update candidate(Step s, int sign) {
        float c = (float) (-sign * s.lr() * s.directions().get(0).g());
        float shrink = (float) (sign * s.lr() * settings.weightDecay());
        return (p, flat, len, t, z) -> {
            if (sign == 0) {
                return;
            }
            boolean decay = shrink != 0 && p.decays();
            for (int i = 0; i < len; i++) {
                float v = decay ? Math.fma(-shrink, t[i], t[i]) : t[i];
                t[i] = Math.fma(c, z[0][i], v);
            }
        };
    }
}
