package dev.zotuner.tuner.report;

import dev.zotuner.tuner.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The report's output files: each written atomically ({@link AtomicFiles}), and never one of the
 * runs' own files, so a careless {@code --out} cannot destroy a run.
 */
final class OutputFiles {

    private final List<Path> inputs;

    /** @param inputs files that must never be replaced (e.g. a run's {@code metrics.jsonl}) */
    OutputFiles(List<Path> inputs) {
        this.inputs = inputs.stream().map(p -> p.toAbsolutePath().normalize()).toList();
    }

    /** Writes {@code content} to {@code target}, replacing an earlier output of the same name. */
    void write(Path target, AtomicFiles.Content content) {
        refuseInput(target);
        AtomicFiles.write(target, content);
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
