package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.util.Map;

/**
 * ZO-SGD with heavy-ball momentum (ZO-SGD-MMT in Zhang et al., "Revisiting Zeroth-Order
 * Optimization for Memory-Efficient LLM Fine-Tuning: A Benchmark", ICML 2024; Polyak's heavy ball
 * on the ZO estimate): d = g·z + λθ, m ← βm + d, θ ← θ − ηm.
 *
 * <p>Memory: one float buffer m, 4 bytes per parameter (plus the snapshot if chosen). Replay reruns
 * the same arithmetic on m, so it must start from the same m (zeros, or a saved state).
 */
final class ZoSgdMomentum extends TwoPointOptimizer {

    private final float[] velocity;

    ZoSgdMomentum(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        super(store, engine, settings, settings.restoration());
        this.velocity = StateArrays.floats(store, "zo-sgd-mmt", "momentum");
    }

    @Override
    public ZoMethod method() {
        return ZoMethod.ZO_SGD_MOMENTUM;
    }

    @Override
    protected Map<String, float[]> buffers() {
        return Map.of("momentum", velocity);
    }

    @Override
    protected Update update(Step s) {
        float g = averagedG(s)[0];
        float lambda = (float) settings.weightDecay();
        float beta = (float) settings.momentum();
        float lr = (float) s.lr();
        float[] m = velocity;
        return (p, flat, len, t, z) -> {
            boolean decay = lambda != 0 && p.decays();
            float[] z0 = z[0];
            for (int i = 0; i < len; i++) {
                float d = decay ? Math.fma(g, z0[i], lambda * t[i]) : g * z0[i];
                float v = Math.fma(beta, m[flat + i], d);
                m[flat + i] = v;
                t[i] = Math.fma(-lr, v, t[i]);
            }
        };
    }
}
