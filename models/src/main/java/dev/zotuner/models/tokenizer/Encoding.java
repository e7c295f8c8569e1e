package dev.zotuner.models.tokenizer;

/**
 * One tokenized text: ids with special tokens, truncated to the tokenizer's maximum length.
 *
 * @param ids           token ids
 * @param attentionMask 1 per token (no padding in a single encoding)
 * @param typeIds       segment ids (0 for a single text)
 */
public record Encoding(long[] ids, long[] attentionMask, long[] typeIds) {

    public Encoding {
        if (attentionMask.length != ids.length || typeIds.length != ids.length) {
            throw new IllegalArgumentException("ids, attention mask and type ids differ in length");
        }
        ids = ids.clone();
        attentionMask = attentionMask.clone();
        typeIds = typeIds.clone();
    }

    /** Number of tokens. */
    public int length() {
        return ids.length;
    }

    @Override
    public long[] ids() {
        return ids.clone();
    }

    @Override
    public long[] attentionMask() {
        return attentionMask.clone();
    }

    @Override
    public long[] typeIds() {
        return typeIds.clone();
    }
}
