package dev.zotuner.eval;

import dev.zotuner.models.tokenizer.Tokenizer;
import dev.zotuner.prompts.TokenVocabulary;

/** Lets prompts check label words against a model's tokenizer (borrowed, not owned). */
public record TokenizerVocabulary(Tokenizer tokenizer) implements TokenVocabulary {

    @Override
    public long[] wordIds(String text, boolean leadingSpace) {
        return tokenizer.wordIds(text, leadingSpace);
    }

    @Override
    public String token(int id) {
        return tokenizer.token(id);
    }
}
