package dev.zotuner.tuner.optim;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.perturb.PerturbationEngine;

/**
 * MeZO-BCD: block-coordinate ZO-SGD — each step perturbs, probes and updates one block of the store
 * (embeddings, one layer, …) and leaves the others untouched (Park et al., "Unraveling Zeroth-Order
 * Optimization through the Lens of Low-Dimensional Structured Perturbations", 2025,
 * arXiv:2501.19099). Blocks are visited cyclically or in a fresh seeded permutation per epoch of B
 * steps ({@link Seeds#blockPermutation}); the order is a function of (run seed, step), so nothing
 * about it needs saving.
 */
final class MezoBcd extends ZoSgd {

    MezoBcd(ParameterStore store, PerturbationEngine engine, ZoSettings settings) {
        super(store, engine, settings);
        if (store.blocks().isEmpty()) {
            throw new IllegalArgumentException("mezo-bcd: the parameter store has no blocks");
        }
    }

    @Override
    public ZoMethod method() {
        return ZoMethod.MEZO_BCD;
    }

    @Override
    protected int block(long step) {
        int blocks = store.blocks().size();
        int position = (int) (step % blocks);
        if (settings.blockOrder() == BlockOrder.CYCLIC) {
            return position;
        }
        return Seeds.blockPermutation(settings.runSeed(), step / blocks, blocks)[position];
    }
}
