package dev.zotuner.models;

import java.util.Locale;

/**
 * How an encoder's token states become one sentence embedding: the mean over real (attention-mask) tokens,
 * as in Sentence-BERT (Reimers and Gurevych 2019), or the state of the first ({@code [CLS]}) token.
 */
public enum Pooling {
    MEAN, CLS;

    /** The lower-case name used on the command line. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses a command-line label, case-insensitively. */
    public static Pooling parse(String label) {
        for (Pooling p : values()) {
            if (p.label().equalsIgnoreCase(label.strip())) {
                return p;
            }
        }
        throw new ModelException("unknown pooling '" + label + "' (known: mean, cls)");
    }
}
