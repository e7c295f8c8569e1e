package dev.zotuner.spark;

/** A bad sweep grid or output root: the message is one line naming the file and field and the cause. */
public final class GridException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    public GridException(String message) {
        super(message);
    }
}
