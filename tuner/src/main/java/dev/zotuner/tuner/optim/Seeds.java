package dev.zotuner.tuner.optim;

import dev.zotuner.tuner.perturb.SplitMix64;

/**
 * Every random choice of an optimizer run, derived from the run seed and the step number alone, so
 * a run needs no random-generator state to resume: the step counter is the position.
 *
 * <ul>
 *   <li>step seed s_t = SplitMix64(runSeed) output number t;</li>
 *   <li>seed of direction k (n-SPSA) in step t = SplitMix64(s_t) output number k — direction 0 is
 *       what single-direction methods use, so n-SPSA with n = 1 is exactly ZO-SGD;</li>
 *   <li>MeZO-BCD's permutation for epoch e: Fisher–Yates driven by SplitMix64(runSeed ⊕ salt ⊕ e·γ).</li>
 * </ul>
 */
public final class Seeds {

    private static final long BLOCK_SALT = 0xB10C_5EED_0000_0001L;

    private Seeds() {
    }

    /** s_t. */
    public static long step(long runSeed, long step) {
        return SplitMix64.at(runSeed, step);
    }

    /** The perturbation seed of direction {@code k} in step {@code step}. */
    public static long direction(long runSeed, long step, int k) {
        return SplitMix64.at(step(runSeed, step), k);
    }

    /** A permutation of 0 .. blocks−1 for epoch {@code epoch}. */
    public static int[] blockPermutation(long runSeed, long epoch, int blocks) {
        int[] order = new int[blocks];
        for (int i = 0; i < blocks; i++) {
            order[i] = i;
        }
        long seed = runSeed ^ BLOCK_SALT ^ (epoch * SplitMix64.GOLDEN_GAMMA);
        for (int i = blocks - 1; i > 0; i--) {
            int j = (int) Long.remainderUnsigned(SplitMix64.at(seed, i), i + 1);
            int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        return order;
    }
}
