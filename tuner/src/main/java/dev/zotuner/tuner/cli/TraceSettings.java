package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.curvature.HutchinsonOptions;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.perturb.NoiseKind;
import java.util.Locale;

/**
 * The estimation choices of one {@code zo trace} call, checked before the model is loaded: every bad value
 * is a one-line error naming the option.
 *
 * @param options  probes, step, seed and stopping rule
 * @param noise    probe distribution
 * @param optimizer the optimizer {@code --lr} refers to, or null without {@code --lr}
 * @param threads  perturbation workers
 * @param dev      whether the dev split (not train) is measured
 */
record TraceSettings(HutchinsonOptions options, NoiseKind noise, OptimizerChoice optimizer, int threads, boolean dev) {

    /** Minimum probes of an adaptive estimate (as {@link HutchinsonOptions#defaults()}). */
    static final int ADAPTIVE_MIN = HutchinsonOptions.defaults().minProbes();

    /** Checks and converts the options of {@code c}. */
    static TraceSettings parse(TraceCommand c) {
        return new TraceSettings(options(c), noise(c.noise), optimizer(c), threads(c.threads), dev(c.split));
    }

    private static HutchinsonOptions options(TraceCommand c) {
        if (!(c.h > 0) || !((float) c.h > 0) || Float.isInfinite((float) c.h)) {
            throw new IllegalArgumentException("--h must be a positive, finite float step, got " + c.h);
        }
        if (c.checkH && Float.isInfinite(2 * (float) c.h)) {
            throw new IllegalArgumentException("--h " + c.h + " is too large for --check-h (2h overflows a float)");
        }
        HutchinsonOptions base = HutchinsonOptions.defaults().withH(c.h).withSeed(c.probeSeed);
        if (c.probes != null) {
            if (c.targetRse != null || c.maxProbes != null) {
                throw new IllegalArgumentException("--probes N fixes the probe count: give it without --target-rse/--max-probes");
            }
            if (c.probes < 2) {
                throw new IllegalArgumentException("--probes must be >= 2 (a standard error needs two probes), got "
                        + c.probes);
            }
            return base.withProbes(c.probes);
        }
        int max = c.maxProbes != null ? c.maxProbes : base.maxProbes();
        if (max < 2) {
            throw new IllegalArgumentException("--max-probes must be >= 2 (a standard error needs two probes), got " + max);
        }
        double target = c.targetRse != null ? c.targetRse : base.targetRelativeSe();
        if (!(target >= 0) || Double.isInfinite(target)) {
            throw new IllegalArgumentException("--target-rse must be finite and >= 0, got " + target);
        }
        return base.withAdaptiveProbes(Math.min(ADAPTIVE_MIN, max), max, target);
    }

    private static NoiseKind noise(String name) {
        for (NoiseKind k : NoiseKind.values()) {
            if (k.name().equalsIgnoreCase(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException("--noise: unknown probe distribution '" + name + "' (gaussian or rademacher)");
    }

    private static OptimizerChoice optimizer(TraceCommand c) {
        if (c.lr == null) {
            if (c.optimizer != null || c.momentum != null || c.directions != null) {
                throw new IllegalArgumentException("--optimizer, --momentum and --directions describe the step of --lr: give --lr too");
            }
            return null;
        }
        if (!(c.lr > 0) || Double.isInfinite(c.lr)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + c.lr);
        }
        OptimizerChoice choice = OptimizerChoice.resolve(
                OptimizerChoice.Given.options(c.optimizer, c.momentum, null, c.directions), OptimizerChoice.Given.NONE);
        if (choice.method() == ZoMethod.ZO_ADAM) {
            throw new IllegalArgumentException("--optimizer zo-adam is bounded by Tr(P^-1 H), which needs Adam's second "
                    + "moment from a run; zo trace measures Tr H (use zo stability --from-run on a zo-adam run)");
        }
        return choice;
    }

    private static int threads(Integer requested) {
        int t = requested != null ? requested : Runtime.getRuntime().availableProcessors();
        if (t < 1) {
            throw new IllegalArgumentException("--threads must be >= 1, got " + t);
        }
        return t;
    }

    private static boolean dev(String split) {
        return switch (split.toLowerCase(Locale.ROOT)) {
            case "train" -> false;
            case "dev" -> true;
            default -> throw new IllegalArgumentException("--split must be train or dev, got '" + split + "'");
        };
    }

    /** Whether probing may stop before the cap. */
    boolean adaptive() {
        return options.minProbes() < options.maxProbes();
    }
}
