package dev.zotuner.spark;

import dev.zotuner.tuner.cli.WorkerSteps;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.optim.StepSplit;
import dev.zotuner.tuner.train.FineTuneConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code zo finetune --master URL --workers W} on Spark ({@link WorkerSteps}, found by {@code ServiceLoader}): starts an
 * application (failed tasks retried twice; on a cluster the driver ships its jars, {@link SparkContexts}) and a
 * {@link SparkStepSession} for the run.
 */
public final class SparkWorkerSteps implements WorkerSteps {

    /** Attempts per task (Spark retries a failed probe task this many times minus one). */
    static final int ATTEMPTS = 3;

    @Override
    public Session open(Settings settings, FineTuneConfig config, RunDirectory run, Path cacheDir, PrintStream log) {
        int directions = StepSplit.directions(config.method(), config.settings());
        if (settings.workers() > directions) {
            log.printf(Locale.ROOT, "zo finetune: warning: %d workers for %d directions per step; %d stay idle%n",
                    settings.workers(), directions, settings.workers() - directions);
        }
        String master = settings.master() != null ? settings.master()
                : SparkContexts.defaultMaster("local[" + settings.workers() + "]");
        SparkApp app = SparkContexts.start("zo finetune " + run.path().getFileName(), master, ATTEMPTS);
        log.printf(Locale.ROOT, "zo finetune: %d directions per step on %d workers (%s)%n", directions,
                Math.min(settings.workers(), directions), app.url());
        String runId = ProbeTask.runId(run.path());
        return new SparkStepSession(app, runId, run, run.config().toString(),
                cacheDir == null ? null : cacheDir.toAbsolutePath().toString(), settings.workers(), directions,
                settings.failOnceAtStep());
    }
}
