package dev.zotuner.models;

/**
 * Bad model input: a missing or corrupt file, an unsupported graph, a tokenizer that does not parse, a
 * trainable pattern that selects nothing. The message is one line naming the file or tensor and the cause.
 */
public final class ModelException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelException(String message) {
        super(message);
    }

    public ModelException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The cause's message flattened to one line (for "file: cause" messages). */
    public static String oneLine(Throwable t) {
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m).strip();
    }
}
