package dev.zotuner.tuner.train;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How a run turns the model's weights and the examples into forward-pass inputs (the {@code inputs} object of
 * {@code config.json}). Absent in runs written before it existed: tied tensors trained apart and an over-long prompt
 * cut at its end, as those runs were made, so they resume bit for bit; likewise {@code keep_ties} absent (runs
 * written before it) lets top-K and {@code --trainable} split a tie, and {@code slice_head} absent computes an LM's
 * logits at every position.
 *
 * @param tieWeights trainable tensors that are exact copies or transposes of each other are trained as one
 * @param truncation {@value #SENTENCE}: an over-long example loses tokens of its sentence, never of the template or
 *                   the label slot; {@value #END}: the rendered prompt is cut at {@code --max-length}
 * @param keepTies   with {@code tieWeights}: a tensor tied to another is trained exactly when the primary of its tie
 *                   is (top-K leaves a tied LM head frozen with the embeddings; LoRA adapts no tied weight); written
 *                   only when true, so a file without it reads and writes back as before
 * @param sliceHead  a masked or causal LM computes its logits only at the position its head reads
 *                   ({@code dev.zotuner.models.onnx.HeadSlice}; the smaller products may round differently from the
 *                   whole-sequence ones, so runs made before it keep the whole head and resume bit for bit); written
 *                   only when true
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record InputConfig(boolean tieWeights, String truncation,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean keepTies,
                          @JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean sliceHead) {

    /** Cut the sentence. */
    public static final String SENTENCE = "sentence";
    /** Cut the rendered prompt at its end (runs made before the sentence cut existed). */
    public static final String END = "end";

    public InputConfig {
        truncation = truncation == null ? END : truncation;
        if (!truncation.equals(SENTENCE) && !truncation.equals(END)) {
            throw new IllegalArgumentException("config.json: inputs.truncation must be '" + SENTENCE + "' or '" + END
                    + "', got '" + truncation + "'");
        }
    }

    /** How runs made before this setting existed ran. */
    public static InputConfig legacy() {
        return new InputConfig(false, END, false, false);
    }

    /** What a new run does unless told otherwise. */
    public static InputConfig current(boolean tieWeights) {
        return new InputConfig(tieWeights, SENTENCE, tieWeights, true);
    }

    /** Whether the sentence, not the prompt's end, is cut. */
    public boolean cutsSentence() {
        return truncation.equals(SENTENCE);
    }
}
