package dev.zotuner.tuner.optim;

import java.util.Arrays;
import java.util.List;

/**
 * Whether and how a method's step divides between workers ({@code zo finetune --workers}; FedKSeed, Qin et al. 2024):
 * each worker probes a share of the step's directions ({@link ZoOptimizer#probe}) and every replica applies all the
 * (seed, g) pairs ({@link ZoOptimizer#applyEstimated}). Known from the method and its settings alone, before a model is
 * loaded. It states what the optimizers do — a step splits when its directions' losses determine it and it has no
 * per-step block — and {@code StepSplitTest} holds the two together.
 */
public final class StepSplit {

    private StepSplit() {
    }

    /**
     * Whether {@code method}'s steps split between workers: not ZO-SGD-Cons (a third loss picks the move) nor MeZO-BCD
     * (a block per step); every other method, whatever its state (momentum, Adam's moments: each replica keeps its own by
     * applying the same pairs).
     */
    public static boolean supported(ZoMethod method) {
        return switch (method) {
            case ZO_SGD_CONS, MEZO_BCD -> false;
            case ZO_SGD, ZO_SGD_MOMENTUM, ZO_ADAM, ZO_SGD_SIGN, N_SPSA -> true;
        };
    }

    /** The methods whose steps split, in {@link ZoMethod} order. */
    public static List<ZoMethod> supported() {
        return Arrays.stream(ZoMethod.values()).filter(StepSplit::supported).toList();
    }

    /**
     * The directions of one step of {@code method} under {@code settings}: {@code settings.directions()} for n-SPSA, else
     * 1. At most this many workers share a step; more stay idle.
     */
    public static int directions(ZoMethod method, ZoSettings settings) {
        return method == ZoMethod.N_SPSA ? settings.directions() : 1;
    }
}
