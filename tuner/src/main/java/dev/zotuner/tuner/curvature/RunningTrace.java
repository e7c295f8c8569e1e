package dev.zotuner.tuner.curvature;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A running trace estimate from the training loop's own forward passes ({@code --center-loss}): a
 * step that evaluates L(θ+εz), L(θ−εz) and the centre L(θ) on its mini-batch B gets the one-probe
 * Hutchinson sample q = (L₊ + L₋ − 2L₀)/ε² of Tr ∇²L_B at no extra cost beyond L₀. Averaged over
 * steps (mini-batches and directions) it estimates E_B Tr ∇²L_B = Tr ∇²L along the trajectory.
 *
 * <p>Keeps the plain mean with its standard error (over all samples; samples from different θ, so
 * the se is only indicative late in training) and an exponential moving average with Adam-style
 * bias correction that tracks the current value. Mutable, not thread-safe; one per run.
 */
public final class RunningTrace {

    private final ProbeStatistics all = new ProbeStatistics();
    private final double decay;
    private double ema;
    private double emaWeight;
    private double last = Double.NaN;

    /** @param decay EMA factor in [0, 1), e.g. 0.9 (≈ the last 10 steps); 0 keeps only the last sample */
    public RunningTrace(double decay) {
        if (!(decay >= 0 && decay < 1)) {
            throw new IllegalArgumentException("running trace decay must be in [0, 1), got " + decay);
        }
        this.decay = decay;
    }

    /** Adds the sample of one step and returns it: q = (L₊ + L₋ − 2L₀)/ε². */
    public double add(double lossPlus, double lossMinus, double lossCentre, double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("running trace: perturbation scale must be finite and > 0, got " + epsilon);
        }
        double q = (lossPlus + lossMinus - 2 * lossCentre) / (epsilon * epsilon);
        if (!Double.isFinite(q)) {
            throw new IllegalArgumentException("running trace: losses " + lossPlus + ", " + lossMinus + ", "
                    + lossCentre + " give a non-finite sample");
        }
        all.add(q);
        ema = decay * ema + (1 - decay) * q;
        emaWeight = decay * emaWeight + (1 - decay);
        last = q;
        return q;
    }

    public long samples() {
        return all.count();
    }

    /** Mean of all samples (NaN before the first). */
    public double mean() {
        return all.mean();
    }

    /** Standard error of {@link #mean()} (NaN below two samples). */
    public double standardError() {
        return all.standardError();
    }

    /** Bias-corrected EMA (NaN before the first sample). */
    public double ema() {
        return emaWeight == 0 ? Double.NaN : ema / emaWeight;
    }

    /** The latest one-probe sample. */
    public double last() {
        return last;
    }

    /** Fields to merge into the step's metrics line (NaN left out). */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("running_trace_samples", samples());
        put(m, "running_trace", mean());
        put(m, "running_trace_se", standardError());
        put(m, "running_trace_ema", ema());
        put(m, "running_trace_last", last);
        return m;
    }

    private static void put(Map<String, Object> m, String key, double v) {
        if (Double.isFinite(v)) {
            m.put(key, v);
        }
    }
}
