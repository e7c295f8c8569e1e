package dev.zotuner.tuner.curvature;

import java.util.Arrays;

/**
 * Rayleigh–Ritz values of H (or Ĥ = P^{-1/2}HP^{-1/2}) in a small subspace. Every Ritz value is a
 * Rayleigh quotient, so the largest is a LOWER BOUND on λmax, equal to λmax only when the subspace
 * contains a top eigenvector (up to the O(h²) finite-difference error).
 *
 * @param lambdaMaxLowerBound the largest Ritz value: λmax ≥ this
 * @param ritzValues          all Ritz values, descending
 * @param dimension           dimension m of the subspace after dropping dependent directions
 * @param dropped             directions dropped as dependent
 * @param forwards            forward passes spent, m(m + 1) + 1
 * @param h                   step t = h√n applied along a unit basis vector (see {@link RayleighRitz})
 * @param preconditioned      whether the Ritz values are those of Ĥ
 */
public record RitzEstimate(double lambdaMaxLowerBound, double[] ritzValues, int dimension, int dropped,
                           long forwards, double h, boolean preconditioned) {

    public RitzEstimate {
        ritzValues = ritzValues.clone();
    }

    @Override
    public double[] ritzValues() {
        return ritzValues.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RitzEstimate r && Double.compare(lambdaMaxLowerBound, r.lambdaMaxLowerBound) == 0
                && Arrays.equals(ritzValues, r.ritzValues) && dimension == r.dimension && dropped == r.dropped
                && forwards == r.forwards && Double.compare(h, r.h) == 0 && preconditioned == r.preconditioned;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(lambdaMaxLowerBound) * 31 + Arrays.hashCode(ritzValues);
    }

    @Override
    public String toString() {
        return "RitzEstimate[lambdaMaxLowerBound=" + lambdaMaxLowerBound + ", ritzValues=" + Arrays.toString(ritzValues)
                + ", dimension=" + dimension + ", dropped=" + dropped + ", forwards=" + forwards + ", h=" + h
                + ", preconditioned=" + preconditioned + "]";
    }
}
