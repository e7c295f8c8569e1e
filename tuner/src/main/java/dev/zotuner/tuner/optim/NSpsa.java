package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.perturb.PerturbationEngine;

/**
 * n-SPSA: ZO-SGD with the gradient estimate averaged over n independent directions,
 * ĝ = (1/n) Σ_k g_k z_k (Spall, "Multivariate stochastic approximation using a simultaneous
 * perturbation gradient approximation", IEEE TAC 1992; MeZO's n-SPSA variant). The estimator's
 * variance falls as 1/n for 2n forward passes per step; with n = 1 it is exactly {@link ZoSgd}.
 *
 * <p>Passes per step: 2n probes (the restore of direction k fused into the probe of k+1) and one
 * update pass that regenerates all n directions.
 */
final class NSpsa extends ZoSgd {

    NSpsa(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        super(store, engine, settings);
    }

    @Override
    public ZoMethod method() {
        return ZoMethod.N_SPSA;
    }

    @Override
    protected int directions() {
        return settings.directions();
    }
}
