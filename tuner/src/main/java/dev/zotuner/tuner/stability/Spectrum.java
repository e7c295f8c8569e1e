package dev.zotuner.tuner.stability;

import java.util.Arrays;

/**
 * The eigenvalues of a symmetric Hessian H (or of Ĥ = P^{-1/2} H P^{-1/2}), positive semi-definite or not.
 * Immutable: the array is copied in and out.
 *
 * @param eigenvalues finite, at least one &gt; 0 (any order; negative ones make H indefinite)
 */
public record Spectrum(double[] eigenvalues) {

    public Spectrum {
        if (eigenvalues == null || eigenvalues.length == 0) {
            throw new IllegalArgumentException("spectrum is empty");
        }
        eigenvalues = eigenvalues.clone();
        boolean positive = false;
        for (int i = 0; i < eigenvalues.length; i++) {
            double v = eigenvalues[i];
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("eigenvalue #" + (i + 1) + " is " + v);
            }
            positive |= v > 0;
        }
        if (!positive) {
            throw new IllegalArgumentException(
                    "no eigenvalue is positive (every step size moves θ away or not at all; nothing to bound)");
        }
    }

    /** Spectrum of Ĥ = P⁻¹H when P commutes with H: eigenvalue λᵢ/pᵢ with pᵢ P's eigenvalue. */
    public Spectrum preconditioned(double[] p) {
        if (p.length != eigenvalues.length) {
            throw new IllegalArgumentException("preconditioner has " + p.length
                    + " entries but the spectrum has " + eigenvalues.length);
        }
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] > 0) || !Double.isFinite(p[i])) {
                throw new IllegalArgumentException("preconditioner entry #" + (i + 1) + " is "
                        + p[i] + "; it must be finite and > 0");
            }
            out[i] = eigenvalues[i] / p[i];
        }
        return new Spectrum(out);
    }

    @Override
    public double[] eigenvalues() {
        return eigenvalues.clone();
    }

    public int dimension() {
        return eigenvalues.length;
    }

    /** Tr H = Σ λᵢ. */
    public double trace() {
        return Arrays.stream(eigenvalues).sum();
    }

    /** tr H² = Σ λᵢ². */
    public double traceSquared() {
        double s = 0;
        for (double v : eigenvalues) {
            s += v * v;
        }
        return s;
    }

    public double lambdaMax() {
        return Arrays.stream(eigenvalues).max().orElseThrow();
    }

    /** The smallest eigenvalue; negative for an indefinite H. */
    public double lambdaMin() {
        return Arrays.stream(eigenvalues).min().orElseThrow();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Spectrum s && Arrays.equals(eigenvalues, s.eigenvalues);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(eigenvalues);
    }

    @Override
    public String toString() {
        return "Spectrum[d=" + eigenvalues.length + ", trace=" + trace() + ", lambdaMax="
                + lambdaMax() + "]";
    }
}
