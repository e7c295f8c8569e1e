package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.train.FineTuneConfig;
import dev.zotuner.tuner.train.StepRunner;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ServiceLoader;

/**
 * The service behind {@code zo finetune --master … --workers W}: W workers each estimate their share of a step's
 * directions on their own model replica and the driver applies the step (FedKSeed, Qin et al. 2024: a step is its
 * (seed, g) pairs). The {@code spark} module implements it and registers it for {@link ServiceLoader}, so this jar
 * stays free of Spark; without that module on the class path {@code --master} is refused in one line.
 */
public interface WorkerSteps {

    /**
     * How to distribute.
     *
     * @param master         a Spark master URL: {@code local[N]}, {@code spark://host:port}, {@code yarn}, {@code k8s://…};
     *                        null: spark-submit's {@code --master}, else {@code local[W]}
     * @param workers        W, the tasks per step (each probes about n/W directions)
     * @param failOnceAtStep test hook: worker 0's first attempt at this step fails mid-probe (0 = never)
     */
    record Settings(String master, int workers, long failOnceAtStep) {

        public Settings {
            if (workers < 1) {
                throw new IllegalArgumentException("--workers must be ≥ 1, got " + workers);
            }
        }
    }

    /** A connection to the workers for one run; {@link #close()} stops them. */
    interface Session extends StepRunner, AutoCloseable {
        @Override
        void close();
    }

    /**
     * Connects to the workers for {@code run} (already created or opened).
     *
     * @param log where progress lines go (stderr)
     */
    Session open(Settings settings, FineTuneConfig config, RunDirectory run, Path cacheDir, PrintStream log);

    /** The implementation on the class path; none → {@link IllegalArgumentException} saying how to get it. */
    static WorkerSteps find() {
        return ServiceLoader.load(WorkerSteps.class).findFirst().orElseThrow(() -> new IllegalArgumentException(
                "--master needs the spark module (mvn -B -pl spark -am package; scripts/zo then puts it on the class path)"));
    }
}
