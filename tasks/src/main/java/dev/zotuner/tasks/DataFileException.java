package dev.zotuner.tasks;

/**
 * A data file that cannot be used: unreadable, corrupted, or malformed. The message is one line,
 * {@code <file>:<line>: <cause>} (or {@code <file>: <cause>} when no line applies).
 */
public final class DataFileException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file  the file as the user named it
     * @param line  1-based line number, or 0 if the problem is not on one line
     * @param cause what is wrong, one line
     */
    public DataFileException(String file, int line, String cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + cause.lines().findFirst().orElse(""));
        this.file = file;
        this.line = line;
    }

    /** The file the problem is in. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 if the problem is not on one line. */
    public int line() {
        return line;
    }
}
