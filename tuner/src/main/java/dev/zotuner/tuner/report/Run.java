package dev.zotuner.tuner.report;

import dev.zotuner.tuner.rundir.MetricsLog;
import dev.zotuner.tuner.rundir.RunConfig;
import dev.zotuner.tuner.rundir.RunDirectoryException;
import dev.zotuner.tuner.rundir.RunSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One fine-tuning run directory as read for a report: its config, metrics and summary.
 * {@code metrics.jsonl} is required; {@code config.json} and {@code summary.json} are optional
 * (a run still training has no summary yet).
 *
 * @param dir     the directory as the user named it
 * @param config  settings from {@code config.json} (empty when absent)
 * @param metrics records from {@code metrics.jsonl}
 * @param summary {@code summary.json} (all-absent when the file is missing)
 */
public record Run(Path dir, RunConfig config, MetricsLog metrics, RunSummary summary) {

    /** Reads the run in {@code dir}; a missing directory or metrics file → one-line error. */
    public static Run load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RunDirectoryException(dir.toString(), 0,
                    Files.exists(dir) ? "not a directory" : "no such run directory");
        }
        Path metrics = dir.resolve(MetricsLog.FILE);
        if (!Files.isRegularFile(metrics)) {
            throw new RunDirectoryException(dir.toString(), 0,
                    "no " + MetricsLog.FILE + " (not a run directory?)");
        }
        Path config = dir.resolve(RunConfig.FILE);
        Path summary = dir.resolve(RunSummary.FILE);
        return new Run(dir,
                Files.isRegularFile(config) ? RunConfig.read(config) : RunConfig.empty(),
                MetricsLog.read(metrics),
                Files.isRegularFile(summary) ? RunSummary.read(summary) : RunSummary.empty());
    }

    /** The files of this run that a report reads and so must never overwrite. */
    public List<Path> inputFiles() {
        List<Path> files = new ArrayList<>();
        for (String name : List.of(RunConfig.FILE, MetricsLog.FILE, RunSummary.FILE)) {
            Path p = dir.resolve(name);
            if (Files.exists(p)) {
                files.add(p);
            }
        }
        return files;
    }

    /** The directory's own name, e.g. {@code lr1e-5} for {@code runs/lr1e-5}. */
    public String name() {
        Path abs = dir.toAbsolutePath().normalize();
        return abs.getFileName() == null ? abs.toString() : abs.getFileName().toString();
    }
}
