package dev.zotuner.prompts;

/**
 * The tokenizer service prompts need, without depending on a tokenizer implementation: {@code eval}
 * adapts the models tokenizer ({@code Tokenizer.wordIds}, {@code Tokenizer.token}) to it, and tests
 * use a fake.
 */
public interface TokenVocabulary {

    /**
     * Token ids of {@code text} as it appears inside a sentence, without special tokens. With
     * {@code leadingSpace} the text is tokenized after a space: byte-level BPE (GPT-2, RoBERTa:
     * {@code Ġgreat}) and SentencePiece ({@code ▁great}) spell mid-sentence words that way;
     * WordPiece gives the same ids either way.
     */
    long[] wordIds(String text, boolean leadingSpace);

    /** The vocabulary's spelling of token {@code id}, for messages. */
    String token(int id);
}
