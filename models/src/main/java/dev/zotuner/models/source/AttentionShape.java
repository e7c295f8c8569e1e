package dev.zotuner.models.source;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The attention sizes a decoder's {@code config.json} declares, as far as an empty KV cache needs them: the
 * heads of a key/value tensor and the width of one head. 0 means "not declared".
 *
 * @param heads   attention heads ({@code num_attention_heads}, {@code n_head}, {@code num_heads})
 * @param kvHeads key/value heads ({@code num_key_value_heads}, grouped-query attention), else {@code heads}
 * @param headDim width of one head ({@code head_dim}, else {@code hidden_size} / {@code n_embd} / {@code d_model}
 *                ÷ heads when that divides)
 */
public record AttentionShape(int heads, int kvHeads, int headDim) {

    /** Nothing declared. */
    public static final AttentionShape UNKNOWN = new AttentionShape(0, 0, 0);

    /** Reads the sizes from a parsed {@code config.json}. */
    public static AttentionShape of(JsonNode config) {
        int heads = first(config, "num_attention_heads", "n_head", "num_heads");
        int kv = first(config, "num_key_value_heads");
        int hidden = first(config, "hidden_size", "n_embd", "d_model");
        int headDim = first(config, "head_dim");
        if (headDim == 0 && heads > 0 && hidden % heads == 0) {
            headDim = hidden / heads;
        }
        return new AttentionShape(heads, kv > 0 ? kv : heads, headDim);
    }

    private static int first(JsonNode config, String... keys) {
        for (String k : keys) {
            JsonNode v = config.path(k);
            if (v.canConvertToInt() && v.asInt() > 0) {
                return v.asInt();
            }
        }
        return 0;
    }
}
