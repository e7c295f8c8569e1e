package dev.zotuner.tuner.report;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Writes output files atomically: the bytes go to a temporary file in the target's directory,
 * which is then moved over the target, so a reader never sees half a file and a crash leaves the
 * old file intact. Refuses to replace any of the given input files.
 */
final class AtomicFiles {

    /** Writes the content of one file to a stream. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    private final List<Path> inputs;

    /** @param inputs files that must never be replaced (e.g. a run's {@code metrics.jsonl}) */
    AtomicFiles(List<Path> inputs) {
        this.inputs = inputs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** Writes {@code content} to {@code target}, replacing an earlier output of the same name. */
    void write(Path target, Content content) {
        refuseInput(target);
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = null;
        try {
            // Not Files.createTempFile: that makes the file owner-only (0600), not per the umask.
            tmp = dir.resolve("." + target.getFileName() + "." + ProcessHandle.current().pid()
                    + ".tmp");
            try (OutputStream out = Files.newOutputStream(tmp)) {
                content.writeTo(out);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE,
                        StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            tmp = null;
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // the write already failed; that error is the one to report
                }
            }
        }
    }

    private void refuseInput(Path target) {
        Path abs = target.toAbsolutePath().normalize();
        for (Path input : inputs) {
            if (abs.equals(input) || sameFile(abs, input)) {
                throw new IllegalArgumentException(target + ": is an input of the report; "
                        + "refusing to overwrite it (choose another --out)");
            }
        }
    }

    private static boolean sameFile(Path a, Path b) {
        try {
            return Files.exists(a) && Files.exists(b) && Files.isSameFile(a, b);
        } catch (IOException e) {
            return false;
        }
    }
}
