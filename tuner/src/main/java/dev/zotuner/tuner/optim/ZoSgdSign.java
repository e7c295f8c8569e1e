package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.perturb.PerturbationEngine;

/**
 * ZO-SGD-Sign: θ ← θ − η·sign(g·z + λθ), every coordinate moves by exactly η (Liu et al., "signSGD
 * via Zeroth-Order Oracle", ICLR 2019; ZO-SGD-Sign in Zhang et al., ICML 2024). Robust to the scale
 * of g; no state beyond θ.
 */
final class ZoSgdSign extends TwoPointOptimizer {

    ZoSgdSign(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        super(store, engine, settings, settings.restoration());
    }

    @Override
    public ZoMethod method() {
        return ZoMethod.ZO_SGD_SIGN;
    }

    @Override
    protected Update update(Step s) {
        float g = averagedG(s)[0];
        float lambda = (float) settings.weightDecay();
        float lr = (float) s.lr();
        return (p, flat, len, t, z) -> {
            boolean decay = lambda != 0 && p.decays();
            float[] z0 = z[0];
            for (int i = 0; i < len; i++) {
                float d = decay ? Math.fma(g, z0[i], lambda * t[i]) : g * z0[i];
                t[i] = Math.fma(-lr, Math.signum(d), t[i]);
            }
        };
    }
}
