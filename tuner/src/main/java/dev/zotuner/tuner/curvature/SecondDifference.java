package dev.zotuner.tuner.curvature;

import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.perturb.PassKernel;
import dev.zotuner.tuner.perturb.PerturbationEngine;

/**
 * Symmetric second differences of a fixed loss around the current θ:
 * q(u) = [L(θ + h u) + L(θ − h u) − 2 L(θ)] / h², which is uᵀ∇²L u + O(h²) (exactly uᵀHu on a
 * quadratic). The centre loss L(θ) is evaluated once and shared by every probe, so a probe costs two
 * forward passes.
 *
 * <p>θ is snapshotted on construction. Each perturbed point is written from the snapshot, never by
 * adding and subtracting in place, so float32 rounding cannot drift across probes. Per element, the
 * candidate fl(θ₀ ± h uᵢ) farther from 0 is kept and the other is its mirror fl(2θ₀ − ·), which is
 * exact unless |h uᵢ| &gt; |θ₀ᵢ|: the realised displacements ±Δ are exactly opposite on all other
 * elements, so the gradient term ∇Lᵀ(Δ₊ + Δ₋) that float rounding would add to q (of size
 * ~2⁻²⁴|∇L∘θ|/h²) cancels as in exact arithmetic, leaving the relative O(ulp(θ)/h) error of Δ against
 * h u. After every probe and on {@link #close()} the selected tensors are copied back from the
 * snapshot, bit for bit. Use in try-with-resources: the session owns one heap copy of θ (4 bytes per
 * trainable element) until closed, and the caller must not touch θ meanwhile.
 */
public final class SecondDifference implements AutoCloseable {

    private final PerturbationEngine engine;
    private final Objective objective;
    private final int[] examples;
    private final Coordinates coordinates;
    private final ParameterStore store;
    private final float[] snapshot;
    private final double centre;
    private long forwards;

    /**
     * Snapshots θ and evaluates L(θ) on {@code examples}.
     *
     * @param coordinates the tensors to perturb ({@link Coordinates#all} for the whole store)
     */
    public SecondDifference(PerturbationEngine engine, Objective objective, int[] examples, Coordinates coordinates) {
        if (examples.length == 0) {
            throw new IllegalArgumentException("curvature: no example indices given");
        }
        this.engine = engine;
        this.objective = objective;
        this.examples = examples.clone();
        this.coordinates = coordinates;
        this.store = objective.parameters();
        this.snapshot = store.snapshot();
        this.centre = objective.loss(this.examples);
        this.forwards = 1;
        if (!Double.isFinite(centre)) {
            throw new IllegalArgumentException("curvature: loss at the current parameters is " + centre);
        }
    }

    /** L(θ) at the snapshot. */
    public double centreLoss() {
        return centre;
    }

    /** Loss evaluations so far, the centre included. */
    public long forwards() {
        return forwards;
    }

    public Coordinates coordinates() {
        return coordinates;
    }

    /** q along v = z(seed), the engine's noise (Gaussian or Rademacher): E q = Tr H. */
    public double alongNoise(long seed, float h) {
        requireStep(h);
        return probe(h, sign -> (p, from, len, theta, z) -> {
            int base = (int) p.offset() + from;
            float[] z0 = z[0];
            for (int i = 0; i < len; i++) {
                float s0 = snapshot[base + i];
                theta[i] = place(sign, s0, Math.fma(h, z0[i], s0), Math.fma(-h, z0[i], s0));
            }
        }, new long[] {seed});
    }

    /** q along P^{-1/2} z(seed): E q = Tr(P⁻¹H). */
    public double alongNoise(long seed, float h, Preconditioner preconditioner) {
        requireStep(h);
        return probe(h, sign -> (p, from, len, theta, z) -> {
            int base = (int) p.offset() + from;
            float[] z0 = z[0];
            for (int i = 0; i < len; i++) {
                float step = (float) (h * preconditioner.inverseSqrtAt(base + i));
                float s0 = snapshot[base + i];
                theta[i] = place(sign, s0, Math.fma(step, z0[i], s0), Math.fma(-step, z0[i], s0));
            }
        }, new long[] {seed});
    }

    /**
     * q along u = Σₖ cₖ bₖ, where the rows of {@code basis} are vectors in the compact layout of
     * {@link #coordinates()}, optionally mapped through P^{-1/2}; θ ± h u is formed in double and
     * rounded once.
     *
     * @param preconditioner null for none
     */
    public double alongCombination(float[][] basis, double[] coefficients, float h, Preconditioner preconditioner) {
        requireStep(h);
        if (basis.length != coefficients.length) {
            throw new IllegalArgumentException(basis.length + " basis vectors but " + coefficients.length + " coefficients");
        }
        for (float[] b : basis) {
            if (b.length != coordinates.size()) {
                throw new IllegalArgumentException("basis vector has " + b.length + " values, expected " + coordinates.size());
            }
        }
        return probe(h, sign -> (p, from, len, theta, z) -> {
            int base = (int) p.offset() + from;
            int compact = coordinates.start(p) + from;
            for (int i = 0; i < len; i++) {
                double u = 0;
                for (int k = 0; k < basis.length; k++) {
                    u += coefficients[k] * basis[k][compact + i];
                }
                double scale = preconditioner == null ? 1 : preconditioner.inverseSqrtAt(base + i);
                float s0 = snapshot[base + i];
                double d = (double) h * scale * u;
                theta[i] = place(sign, s0, (float) (s0 + d), (float) (s0 - d));
            }
        }, new long[0]);
    }

    /**
     * The perturbed element for sign ±1, given the rounded candidates θ₀ ± s: the one farther from 0
     * is kept and the other replaced by its mirror fl(2θ₀ − anchor). The mirror lies on θ₀'s grid or a
     * finer one, so it is exact whenever |s| ≤ |θ₀| (even across a binade boundary): the realised
     * displacements are then exactly opposite.
     */
    static float place(int sign, float centre, float plus, float minus) {
        boolean anchorPlus = Math.abs(plus) >= Math.abs(minus);
        float mirror = (float) (2.0 * centre - (anchorPlus ? plus : minus));
        if (sign > 0) {
            return anchorPlus ? plus : mirror;
        }
        return anchorPlus ? mirror : minus;
    }

    /** Writes θ₀ + h u, evaluates, writes θ₀ − h u, evaluates, restores θ₀. */
    private double probe(float h, java.util.function.IntFunction<PassKernel> place, long[] seeds) {
        double plus;
        double minus;
        try {
            engine.pass(coordinates.tensors(), seeds, place.apply(1));
            plus = objective.loss(examples);
            engine.pass(coordinates.tensors(), seeds, place.apply(-1));
            minus = objective.loss(examples);
            forwards += 2;
        } finally {
            restore();
        }
        double hh = (double) h * h;
        return (plus + minus - 2 * centre) / hh;
    }

    private void restore() {
        engine.pass(coordinates.tensors(), new long[0], (p, from, len, theta, z) ->
                System.arraycopy(snapshot, (int) p.offset() + from, theta, 0, len));
    }

    private static void requireStep(float h) {
        if (!(h > 0) || Float.isInfinite(h)) {
            throw new IllegalArgumentException("finite-difference step h must be finite and > 0, got " + h);
        }
    }

    /** Copies the snapshot back into the selected tensors (θ bit-identical to construction time). */
    @Override
    public void close() {
        restore();
    }
}
