package dev.zotuner.tuner.curvature;

import dev.zotuner.models.Parameter;
import dev.zotuner.tuner.perturb.SplitMix64;
import java.util.List;

/**
 * How a Hutchinson trace estimate is run.
 *
 * <p>Probe k uses the direction z(probeSeed(k)), a pure function of the recorded base {@code seed}:
 * nothing random is stored, the same options give the same numbers bit for bit.
 *
 * <p>Stopping: after each probe from {@code minProbes} on, stop once se/|mean| ≤
 * {@code targetRelativeSe}; stop at {@code maxProbes} in any case ({@code minProbes == maxProbes}
 * gives a fixed count; a target of 0 never stops early).
 *
 * @param h                finite-difference step (the probe is ±h v, v with unit-variance entries);
 *                         used as the float {@code (float) h}; default {@link #DEFAULT_H}
 * @param seed             base seed of the probe directions (recorded in the estimate)
 * @param minProbes        ≥ 2
 * @param maxProbes        ≥ minProbes
 * @param targetRelativeSe ≥ 0
 * @param confidence       level of the two-sided Student-t interval, in (0, 1)
 * @param tensors          the tensors to perturb; empty = the whole store
 */
public record HutchinsonOptions(double h, long seed, int minProbes, int maxProbes, double targetRelativeSe,
                                double confidence, List<Parameter> tensors) {

    /**
     * Default step h = 10⁻³: MeZO's perturbation scale ε (Malladi et al. 2023), so the curvature is
     * measured at the scale the optimizer probes; at h² = 10⁻⁶ a float32 loss's rounding (relative
     * u ≈ 6·10⁻⁸ per value) moves q by at most 4u|L|/h² ≈ 0.24|L|, negligible against the trace of a
     * model with many parameters, while 10⁻⁴ would make it 100× larger. See docs/curvature-estimation.md.
     */
    public static final double DEFAULT_H = 1e-3;

    private static final long PROBE_SALT = 0x48_75_74_63_68_54_72L; // "HutchTr"

    public HutchinsonOptions {
        if (!(h > 0) || !(((float) h) > 0) || Float.isInfinite((float) h)) {
            throw new IllegalArgumentException("finite-difference step h must be a positive float, got " + h);
        }
        if (minProbes < 2) {
            throw new IllegalArgumentException("need at least 2 probes for a standard error, got minimum " + minProbes);
        }
        if (maxProbes < minProbes) {
            throw new IllegalArgumentException("probe cap " + maxProbes + " is below the minimum " + minProbes);
        }
        if (!(targetRelativeSe >= 0) || Double.isInfinite(targetRelativeSe)) {
            throw new IllegalArgumentException("target relative standard error must be finite and >= 0, got " + targetRelativeSe);
        }
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence level must be in (0, 1), got " + confidence);
        }
        tensors = List.copyOf(tensors);
    }

    /**
     * h = 10⁻³, seed 0, 10 to 2,000 probes, stop at 10 % relative standard error, 95 % interval, all tensors.
     * At the default model's pre-trained weights one probe's spread is about four times Tr H, so 10 % takes
     * ~1,500 probes (README); the cap bounds a trace near zero, where no relative target is reachable.
     */
    public static HutchinsonOptions defaults() {
        return new HutchinsonOptions(DEFAULT_H, 0, 10, 2_000, 0.10, 0.95, List.of());
    }

    public HutchinsonOptions withH(double newH) {
        return new HutchinsonOptions(newH, seed, minProbes, maxProbes, targetRelativeSe, confidence, tensors);
    }

    public HutchinsonOptions withSeed(long newSeed) {
        return new HutchinsonOptions(h, newSeed, minProbes, maxProbes, targetRelativeSe, confidence, tensors);
    }

    /** Exactly {@code probes} probes. */
    public HutchinsonOptions withProbes(int probes) {
        return new HutchinsonOptions(h, seed, probes, probes, targetRelativeSe, confidence, tensors);
    }

    /** Adaptive: between {@code min} and {@code max} probes, stopping at {@code target} relative se. */
    public HutchinsonOptions withAdaptiveProbes(int min, int max, double target) {
        return new HutchinsonOptions(h, seed, min, max, target, confidence, tensors);
    }

    public HutchinsonOptions withConfidence(double level) {
        return new HutchinsonOptions(h, seed, minProbes, maxProbes, targetRelativeSe, level, tensors);
    }

    public HutchinsonOptions withTensors(List<Parameter> selected) {
        return new HutchinsonOptions(h, seed, minProbes, maxProbes, targetRelativeSe, confidence, selected);
    }

    /** The float step actually applied. */
    public float step() {
        return (float) h;
    }

    /** Seed of probe k ≥ 0: the k-th SplitMix64 output of the salted base seed. */
    public long probeSeed(int k) {
        return SplitMix64.at(seed ^ PROBE_SALT, k);
    }
}
