package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.Map;

/**
 * ZO-Adam: Adam (Kingma &amp; Ba 2015) on the two-point estimate d = g·z + λθ, as ZO-AdaMM (Chen et
 * al., "ZO-AdaMM: Zeroth-Order Adaptive Momentum Method for Black-Box Optimization", NeurIPS 2019)
 * without the max-normalisation, i.e. ZO-Adam of the ZO benchmark (Zhang et al., ICML 2024):
 * m ← β₁m + (1−β₁)d, v ← β₂v + (1−β₂)d², θ ← θ − η m̂/(√v̂ + ε_A), bias-corrected by 1 − β^{t+1}.
 *
 * <p>Memory: two float buffers, 8 bytes per parameter (plus the snapshot if chosen).
 */
final class ZoAdam extends TwoPointOptimizer {

    private final float[] first;
    private final float[] second;

    ZoAdam(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        super(store, engine, settings, settings.restoration());
        this.first = StateArrays.floats(store, "zo-adam", "first moment");
        this.second = StateArrays.floats(store, "zo-adam", "second moment");
    }

    @Override
    public ZoMethod method() {
        return ZoMethod.ZO_ADAM;
    }

    @Override
    protected Map<String, float[]> buffers() {
        return Map.of("m", first, "v", second);
    }

    @Override
    protected Update update(Step s) {
        float g = averagedG(s)[0];
        float lambda = (float) settings.weightDecay();
        float b1 = (float) settings.beta1();
        float b2 = (float) settings.beta2();
        float oneMinusB1 = (float) (1 - settings.beta1());
        float oneMinusB2 = (float) (1 - settings.beta2());
        float correction1 = (float) (1 - Math.pow(settings.beta1(), s.number() + 1));
        float correction2 = (float) (1 - Math.pow(settings.beta2(), s.number() + 1));
        float epsA = (float) settings.adamEpsilon();
        float lr = (float) s.lr();
        float[] m = first;
        float[] v = second;
        return (p, flat, len, t, z) -> {
            boolean decay = lambda != 0 && p.decays();
            float[] z0 = z[0];
            for (int i = 0; i < len; i++) {
                float d = decay ? Math.fma(g, z0[i], lambda * t[i]) : g * z0[i];
                float mi = Math.fma(b1, m[flat + i], oneMinusB1 * d);
                float vi = Math.fma(b2, v[flat + i], oneMinusB2 * (d * d));
                m[flat + i] = mi;
                v[flat + i] = vi;
                float denominator = (float) Math.sqrt(vi / correction2) + epsA;
                t[i] = Math.fma(-lr, (mi / correction1) / denominator, t[i]);
            }
        };
    }
}
