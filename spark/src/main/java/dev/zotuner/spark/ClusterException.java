package dev.zotuner.spark;

/**
 * The cluster cannot run the application's work (master unreachable, no executor can start, the application was ended,
 * executors miss the application's classes): the message is one line naming the cause, and the command exits non-zero.
 */
public final class ClusterException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ClusterException(String message) {
        super(message);
    }
}
