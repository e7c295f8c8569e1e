package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A classification head trained with its exact gradient beside the zeroth-order encoder update (the {@code head}
 * object of {@code config.json}; absent — every run made before it, and runs without {@code --head} — : the
 * similarity head with re-embedded label prompts, as before). See {@link HeadTraining} for what a step does with it.
 *
 * @param method  {@value #PROTOTYPE}: {@link dev.zotuner.eval.PrototypeHead}, prototypes initialised at the label
 *                prompts' embeddings
 * @param lr      Adam's step size for the head (Kingma &amp; Ba 2015)
 * @param decay   λ of the penalty (λ/2)(Σ‖w_c − w_c⁰‖² + Σ b_c²) toward the zero-shot head
 * @param warmup  full-batch exact Adam steps on the training examples' step-0 embeddings before the first ZO step (a
 *                zero-shot-initialised linear probe); 0 = none
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeadConfig(String method, double lr, double decay, int warmup) {

    /** The prototype head. */
    public static final String PROTOTYPE = "prototype";

    public HeadConfig {
        method = method == null ? PROTOTYPE : method;
        if (!method.equals(PROTOTYPE)) {
            throw new IllegalArgumentException("--head must be 'similarity' or 'prototype', got '" + method + "'");
        }
        if (!(lr > 0) || Double.isInfinite(lr)) {
            throw new IllegalArgumentException("--head-lr must be > 0, got " + lr);
        }
        if (!(decay >= 0) || Double.isInfinite(decay)) {
            throw new IllegalArgumentException("--head-decay must be ≥ 0, got " + decay);
        }
        if (warmup < 0) {
            throw new IllegalArgumentException("--head-warmup must be ≥ 0, got " + warmup);
        }
    }
}
