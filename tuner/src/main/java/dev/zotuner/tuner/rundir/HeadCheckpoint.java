package dev.zotuner.tuner.rundir;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A trained head's state after {@code step} ZO steps: one {@code head/step-<N>.json} file of a run directory whose
 * {@code config.json} has a {@code head} object. Everything a resumed run needs to continue the head exactly (its
 * weights and Adam's moments, as shortest round-trip decimals), and everything a user needs to apply it: the logit of
 * class c for an input x is {@code scale · cos(e(x), prototypes[c]) + bias[c]}, e(x) being the exported model's
 * pooled embedding of the prompted input.
 *
 * @param step              ZO steps taken
 * @param updates           Adam updates of the head so far (warm-up steps included)
 * @param scale             the inverse temperature s
 * @param prototypes        {@code [classes][dim]} w_c
 * @param bias              {@code [classes]} b_c
 * @param initialPrototypes w_c⁰, the zero-shot prototypes (label prompts embedded by the base model) the decay pulls to
 * @param mPrototypes       Adam's first moment of the prototypes
 * @param mBias             Adam's first moment of the biases
 * @param vPrototypes       Adam's second moment of the prototypes
 * @param vBias             Adam's second moment of the biases
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record HeadCheckpoint(long step, long updates, double scale, double[][] prototypes, double[] bias,
                             double[][] initialPrototypes, double[][] mPrototypes, double[] mBias,
                             double[][] vPrototypes, double[] vBias) {

    /** The directory of head checkpoints inside a run directory. */
    public static final String DIR = "head";

    /** The file of step {@code step}'s checkpoint inside {@link #DIR}. */
    public static String fileName(long step) {
        return "step-" + step + ".json";
    }
}
