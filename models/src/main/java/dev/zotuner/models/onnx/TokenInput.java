package dev.zotuner.models.onnx;

import java.util.Optional;

/**
 * The graph inputs a language model may take per token, all INT64 {@code [batch, seq]}. Only
 * {@link #INPUT_IDS} is required; the others are filled in from the tokenized batch when the graph asks.
 */
public enum TokenInput {
    /** Token ids. */
    INPUT_IDS("input_ids"),
    /** 1 for real tokens, 0 for padding. */
    ATTENTION_MASK("attention_mask"),
    /** Segment ids from the tokenizer (BERT sentence A/B). */
    TOKEN_TYPE_IDS("token_type_ids"),
    /** 0, 1, 2, ... along each row (batches are right-padded). */
    POSITION_IDS("position_ids");

    private final String onnxName;

    TokenInput(String onnxName) {
        this.onnxName = onnxName;
    }

    /** The graph input name. */
    public String onnxName() {
        return onnxName;
    }

    /** The token input with this graph name, if supported. */
    public static Optional<TokenInput> byName(String name) {
        for (TokenInput t : values()) {
            if (t.onnxName.equals(name)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }
}
