package dev.zotuner.models;

import java.util.Locale;

/**
 * What a model's output means, and so which per-example representation a head reads.
 *
 * <ul>
 *   <li>{@link #MLM}: masked LM, output {@code logits [batch, seq, vocab]}; a head reads the logits at the
 *       (first) mask token (Gao et al. 2021, "Making Pre-trained Language Models Better Few-shot Learners").</li>
 *   <li>{@link #CAUSAL}: causal LM, output {@code logits}; a head reads the next-token logits at the last
 *       real token.</li>
 *   <li>{@link #ENCODER}: hidden states ({@code last_hidden_state [batch, seq, hidden]}); a head reads the
 *       pooled sentence embedding.</li>
 * </ul>
 */
public enum ModelKind {
    MLM, CAUSAL, ENCODER;

    /** Whether the model's output is vocabulary logits. */
    public boolean hasLogits() {
        return this != ENCODER;
    }

    /** The lower-case name used on the command line ({@code mlm}, {@code causal}, {@code encoder}). */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line label, case-insensitively. */
    public static ModelKind parse(String label) {
        for (ModelKind k : values()) {
            if (k.label().equalsIgnoreCase(label.strip())) {
                return k;
            }
        }
        throw new ModelException("unknown model kind '" + label + "' (known: mlm, causal, encoder)");
    }
}
