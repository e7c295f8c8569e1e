package dev.zotuner.tuner.rundir;

/**
 * A run directory that cannot be read, reported on or resumed: missing file, malformed JSON,
 * missing or mistyped field, a corrupted snapshot, a directory that may not be reused. The message
 * is one line, {@code <file>:<line>: <cause>} (or {@code <file>: <cause>} when no line applies).
 */
public final class RunDirectoryException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String file;
    private final int line;

    /**
     * @param file  the file (or directory) as the user named it
     * @param line  1-based line number, or 0 if the problem is not on one line
     * @param cause what is wrong; only its first line is kept
     */
    public RunDirectoryException(String file, int line, String cause) {
        super(file + (line > 0 ? ":" + line : "") + ": " + firstLine(cause));
        this.file = file;
        this.line = line;
    }

    /** The file or directory the problem is in. */
    public String file() {
        return file;
    }

    /** 1-based line number, or 0 if the problem is not on one line. */
    public int line() {
        return line;
    }

    private static String firstLine(String cause) {
        return cause == null ? "" : cause.lines().findFirst().orElse("");
    }
}
