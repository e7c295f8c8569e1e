package dev.zotuner.models.onnx;

import dev.zotuner.models.ModelException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@link ModelChecksum#of} computed on a thread of its own while the caller goes on loading: hashing a model's weights
 * and copying its trainable ones into θ both read every byte of the files, and on two cores they overlap. The thread
 * is a daemon named {@code zo-checksum}; {@link #join} waits for it and rethrows what it threw.
 */
final class BackgroundChecksum {

    private final FutureTask<String> task;

    private BackgroundChecksum(FutureTask<String> task) {
        this.task = task;
    }

    /** Starts hashing {@code file} and its external data. */
    static BackgroundChecksum start(OnnxFile file) {
        FutureTask<String> task = new FutureTask<>(() -> ModelChecksum.of(file));
        Thread thread = new Thread(task, "zo-checksum");
        thread.setDaemon(true);
        thread.start();
        return new BackgroundChecksum(task);
    }

    /** The checksum, once computed. */
    String join() {
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ModelException("interrupted while hashing the model", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ModelException("cannot hash the model (" + ModelException.oneLine(e.getCause()) + ")", e.getCause());
        }
    }
}
