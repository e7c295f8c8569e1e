package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.toy.FlatMinimaConfig;
import dev.zotuner.tuner.toy.FlatMinimaExperiment;
import dev.zotuner.tuner.toy.FlatMinimaSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zo toy flat-minima}: gradient descent vs two-point ZO-SGD on L(x, y) = ½(xᵀy − 1)² (Zhang et
 * al., "Zeroth-Order Optimization Finds Flat Minima", arXiv:2506.05454, Example 2.1), written as a run
 * directory with the exact Hessian trace for {@code zo report}. Prints the summary line.
 */
@Command(name = "flat-minima",
        mixinStandardHelpOptions = true,
        description = {
            "Zhang et al. 2025, Example 2.1: L(x,y) = (x.y - 1)^2 / 2 from x, y ~ N(0, I_d). "
                    + "Every x.y = 1 is a minimiser, with Tr H = |x|^2 + |y|^2 from 2 (flattest) upward. "
                    + "Gradient descent stops at the first minimiser it meets; ZO-SGD (the real optimizer) "
                    + "descends the smoothed loss r^2/2 + (lambda^2/2) Tr H + ..., so Tr H keeps falling toward 2.",
            "Writes config.json, metrics.jsonl (step lines; curvature lines with the exact Tr H) "
                    + "and summary.json; compare runs with zo report."},
        footer = {"",
            "Examples (each a few seconds):",
            "  zo toy flat-minima --method gd --run-dir runs/toy/gd",
            "  zo toy flat-minima --method zo --eps 0.1 --run-dir runs/toy/zo-0.1",
            "  zo toy flat-minima --method zo --eps 0.05 --run-dir runs/toy/zo-0.05",
            "  zo report runs/toy/gd runs/toy/zo-0.1 runs/toy/zo-0.05 --out runs/toy/report"})
public final class FlatMinimaCommand implements Callable<Integer> {

    @Option(names = "--method", paramLabel = "gd|zo", defaultValue = "zo",
            description = "gd: exact gradient descent; zo: two-point ZO-SGD. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--d", paramLabel = "D", defaultValue = "" + FlatMinimaConfig.DEFAULT_D,
            description = "Dimension of x and of y. Default: ${DEFAULT-VALUE}.")
    int d;

    @Option(names = "--seed", defaultValue = "42",
            description = "Seed of x, y ~ N(0, I) and of the ZO directions. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate (default 0.01 for gd, 0.001 for zo).")
    Double lr;

    @Option(names = "--eps", paramLabel = "LAMBDA", description = "ZO perturbation scale lambda (default 0.1).")
    Double eps;

    @Option(names = "--steps", defaultValue = "" + FlatMinimaConfig.DEFAULT_STEPS,
            description = "Updates. Default: ${DEFAULT-VALUE}.")
    long steps;

    @Option(names = "--log-every", paramLabel = "N", defaultValue = "" + FlatMinimaConfig.DEFAULT_LOG_EVERY,
            description = "Log loss and exact trace every N updates. Default: ${DEFAULT-VALUE}.")
    long logEvery;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Run directory to create (required; new or empty).")
    Path runDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (runDir == null) {
            throw new IllegalArgumentException("--run-dir DIR is required");
        }
        FlatMinimaConfig config = FlatMinimaConfig.of(FlatMinimaConfig.Method.parse(method), d, seed, lr, eps,
                steps, logEvery);
        try (RunDirectory run = RunDirectory.create(runDir, config)) {
            FlatMinimaSummary summary = new FlatMinimaExperiment(config).run(run);
            PrintWriter out = spec.commandLine().getOut();
            out.println(summary.line() + "; " + run.path());
            out.flush();
        }
        return 0;
    }
}
