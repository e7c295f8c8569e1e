package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.perturb.PerturbationEngine;

/**
 * ZO-SGD as in MeZO (Malladi et al., "Fine-Tuning Language Models with Just Forward Passes",
 * NeurIPS 2023, Algorithm 1): θ ← θ − η(g·z + λθ), λθ only on decaying tensors.
 *
 * <p>Memory: nothing beyond θ in place ({@link Restoration#IN_PLACE}); 4 bytes per parameter with
 * {@link Restoration#SNAPSHOT}. Replay needs only (seed, g, η) per step (and ε when in place).
 * Per element: v = θ − ηλθ (one fma), then v + (−η g_k/n)·z_k for each direction (one fma each).
 */
class ZoSgd extends TwoPointOptimizer {

    ZoSgd(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        super(store, engine, settings, settings.restoration());
    }

    @Override
    public ZoMethod method() {
        return ZoMethod.ZO_SGD;
    }

    @Override
    protected Update update(Step s) {
        int n = s.directions().size();
        float[] c = new float[n];
        for (int k = 0; k < n; k++) {
            c[k] = (float) (-s.lr() * s.directions().get(k).g() / n);
        }
        float shrink = (float) (s.lr() * settings.weightDecay());
        return (p, flat, len, t, z) -> {
            if (shrink != 0 && p.decays()) {
                for (int i = 0; i < len; i++) {
                    t[i] = Math.fma(-shrink, t[i], t[i]);
                }
            }
            for (int k = 0; k < n; k++) {          // k outside i: simple loops that C2 vectorizes
                float ck = c[k];
                float[] zk = z[k];
                for (int i = 0; i < len; i++) {
                    t[i] = Math.fma(ck, zk[i], t[i]);
                }
            }
        };
    }
}
