package dev.zotuner.prompts;

/**
 * A template, verbalizer or prompt file that cannot be used. The message is one line naming the
 * file or template and the field or word at fault.
 */
public final class PromptException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public PromptException(String message) {
        super(message.lines().findFirst().orElse(""));
    }
}
