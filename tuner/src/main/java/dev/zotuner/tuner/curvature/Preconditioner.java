package dev.zotuner.tuner.curvature;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.nio.FloatBuffer;
import java.util.List;

/**
 * A diagonal preconditioner P &gt; 0 in the {@link ParameterStore}'s flat layout (element i of tensor p
 * at {@code p.offset() + i}), as frozen ZO-Adam applies it: θ ← θ − η P⁻¹ m. Preconditioned probes
 * are P^{-1/2} v, so their second differences estimate Tr(P⁻¹H) = Tr Ĥ, Ĥ = P^{-1/2} H P^{-1/2}.
 *
 * <p>The buffer is read live (absolute gets only), never copied or written: the caller, typically
 * the optimizer that owns Adam's second moment, keeps it valid and unchanged during an estimate.
 */
public final class Preconditioner {

    private final FloatBuffer source;
    private final boolean secondMoment;
    private final double correction;
    private final double epsilon;

    private Preconditioner(FloatBuffer source, boolean secondMoment, double correction, double epsilon) {
        this.source = source.duplicate();
        this.secondMoment = secondMoment;
        this.correction = correction;
        this.epsilon = epsilon;
    }

    /** diag(P) given directly, one value per element of the store. */
    public static Preconditioner diagonal(FloatBuffer p) {
        return new Preconditioner(p, false, 1, 0);
    }

    /** diag(P) given directly as a heap array. */
    public static Preconditioner diagonal(float[] p) {
        return diagonal(FloatBuffer.wrap(p));
    }

    /**
     * Adam's P = √v̂ + ε with v̂ = v/(1 − β2ᵗ) (Kingma &amp; Ba 2015), from the raw second-moment EMA
     * {@code v} after {@code step} ≥ 1 updates.
     */
    public static Preconditioner adam(FloatBuffer v, double beta2, long step, double epsilon) {
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("adam preconditioner: beta2 must be in [0, 1), got " + beta2);
        }
        if (step < 1) {
            throw new IllegalArgumentException("adam preconditioner: step must be >= 1, got " + step);
        }
        if (!(epsilon >= 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException("adam preconditioner: epsilon must be finite and >= 0, got " + epsilon);
        }
        return new Preconditioner(v, true, 1 - Math.pow(beta2, step), epsilon);
    }

    /** P at flat index {@code i}. */
    public double diagonalAt(int i) {
        double s = source.get(i);
        return secondMoment ? Math.sqrt(s / correction) + epsilon : s;
    }

    /** P^{-1/2} at flat index {@code i}. */
    public double inverseSqrtAt(int i) {
        return 1 / Math.sqrt(diagonalAt(i));
    }

    /**
     * Checks that the buffer covers {@code store} and that P is finite and &gt; 0 on {@code tensors};
     * the message names the first offending tensor element.
     */
    public void validate(ParameterStore store, List<Parameter> tensors) {
        if (source.capacity() != store.size()) {
            throw new IllegalArgumentException("preconditioner has " + source.capacity()
                    + " values, the parameter store has " + store.size());
        }
        for (Parameter p : tensors) {
            int base = (int) p.offset();
            for (int i = 0; i < p.size(); i++) {
                double d = diagonalAt(base + i);
                if (!(d > 0) || Double.isInfinite(d)) {
                    throw new IllegalArgumentException("preconditioner: " + p.name() + "[" + i + "] = " + d
                            + " (P must be finite and > 0)");
                }
            }
        }
    }
}
