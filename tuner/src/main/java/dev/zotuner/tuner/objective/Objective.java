package dev.zotuner.tuner.objective;

import dev.zotuner.models.Hold;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * "θ in, loss out": the function a zeroth-order optimizer or curvature estimator queries.
 *
 * <p>θ is the current content of {@link #parameters()}; callers perturb it in place and call
 * {@link #loss(int[])} again. The loss is a mean over a fixed, finite set of examples numbered
 * {@code 0 .. size()-1} (a mini-batch is a subset of those indices). Implementations are
 * deterministic: the same θ and the same indices give the same number, bit for bit.
 *
 * <p>The few-shot ONNX loss is one implementation; analytic objectives (quadratics, logistic
 * regression, toy landscapes) are others, so the theory can be checked exactly.
 */
public interface Objective {

    /** The parameters θ this objective reads (owned by the objective or by its model). */
    ParameterStore parameters();

    /** Number of examples; the full-batch loss averages over all of them. */
    int size();

    /** Mean loss over the given example indices at the current θ, accumulated in double. */
    double loss(int[] examples);

    /**
     * An objective over {@code size} examples whose loss is {@code loss} of the example indices, read at the current
     * content of {@code parameters} (for analytic losses, benchmarks and tests).
     */
    static Objective of(ParameterStore parameters, int size, ToDoubleFunction<int[]> loss) {
        return new Objective() {
            @Override
            public ParameterStore parameters() {
                return parameters;
            }

            @Override
            public int size() {
                return size;
            }

            @Override
            public double loss(int[] examples) {
                return loss.applyAsDouble(examples);
            }
        };
    }

    /**
     * A promise that, until the hold closes, only {@code changing} tensors of θ change: the objective may reuse what
     * it computed from the others (a block-coordinate step's upstream stages). The default keeps nothing.
     */
    default Hold holdFixedExcept(List<Parameter> changing) {
        return Hold.NONE;
    }

    /** Full-batch loss at the current θ. */
    default double loss() {
        int[] all = new int[size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return loss(all);
    }
}
