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
            for (int i = 0; i < len; i++) {
                float d = Math.fma(g, z[0][i], decay ? lambda * t[i] : 0f);
                t[i] = Math.fma(-lr, Math.signum(d), t[i]);
            }
        };
    }
}
