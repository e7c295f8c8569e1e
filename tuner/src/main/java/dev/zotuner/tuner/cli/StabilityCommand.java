package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.rundir.RunConfig;
import dev.zotuner.tuner.stability.Curvature;
import dev.zotuner.tuner.stability.RunCurvature;
import dev.zotuner.tuner.stability.Spectrum;
import dev.zotuner.tuner.stability.SpectrumFile;
import dev.zotuner.tuner.stability.StabilityCalculator;
import dev.zotuner.tuner.stability.StabilityReport;
import dev.zotuner.tuner.stability.ZoDynamics;
import dev.zotuner.tuner.stability.ZoUpdate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zo stability}: is a learning rate mean-square stable for an optimizer (a {@code ZoMethod} id, analysed
 * through {@code ZoMethod.dynamics}: ZO-SGD, heavy-ball momentum or frozen Adam) on the local quadratic model? Exact
 * from a spectrum, bounds from (trace, λmax, tr H²), or the last curvature estimate of a run. Exit 0 whatever the
 * verdict; bad input exits non-zero.
 */
@Command(name = "stability",
        description = {"Critical step size eta* of a ZO optimizer; is --lr stable?",
                "Mean-square stability on the local quadratic model, exact from a spectrum",
                "or bounded from curvature estimates. Theory: docs/stability-theory.md.", ""},
        footer = {"", "Sources (exactly one):",
                "  --spectrum FILE  eigenvalues of H (zo-adam: of P^-1 H, or of H with",
                "                   --preconditioner): exact eta*",
                "  --trace T        Tr H [--trace-se --lambda-max --trace-sq]: bounds only",
                "  --from-run DIR   last line of DIR/metrics.jsonl with a 'trace', the",
                "                   optimizer of DIR/config.json; command-line options",
                "                   override the run's values",
                "Without --optimizer (or a run's): --momentum implies zo-sgd-mmt, --beta1",
                "zo-adam, --directions N > 1 n-spsa; else zo-sgd. zo-sgd-sign, zo-sgd-cons",
                "and mezo-bcd are analysed as zo-sgd (per block for mezo-bcd).",
                "", "Examples:",
                "  zo stability --lr 1e-3 --spectrum eig.txt",
                "  zo stability --lr 1e-6 --momentum 0.9 --trace 2.1e5 --lambda-max 850",
                "  zo stability --lr 1e-5 --optimizer n-spsa --directions 4 --trace 3e4 --json",
                "  zo stability --lr 1e-5 --optimizer zo-adam --beta1 0.9 --trace 3e4",
                "  zo stability --from-run runs/sst2-mezo"},
        mixinStandardHelpOptions = true)
public final class StabilityCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate eta (> 0).")
    Double lr;

    @Option(names = "--optimizer", converter = OptionChoices.Optimizer.class, completionCandidates = OptionChoices.Optimizer.class,
            paramLabel = "zo-sgd|zo-sgd-mmt|zo-adam|zo-sgd-sign|zo-sgd-cons|n-spsa|mezo-bcd",
            description = "Optimizer id, as for zo finetune (default: the run's, else implied, else zo-sgd).")
    ZoMethod optimizer;

    @Option(names = "--momentum", paramLabel = "BETA", description = "Heavy-ball momentum of zo-sgd-mmt, in [0, 1).")
    Double momentum;

    @Option(names = "--beta1", paramLabel = "BETA1", description = "zo-adam's first-moment EMA, in [0, 1) (default 0.9).")
    Double beta1;

    @Option(names = "--directions", paramLabel = "N",
            description = "n-spsa: Gaussian directions averaged per step (default 1, or the run's).")
    Integer directions;

    @Option(names = "--spectrum", paramLabel = "FILE", description = "Eigenvalues, one or more per line, # comments.")
    Path spectrum;

    @Option(names = "--preconditioner", paramLabel = "FILE",
            description = "zo-adam: P's eigenvalues in H's eigenbasis (P commuting with H), same layout.")
    Path preconditioner;

    @Option(names = "--trace", paramLabel = "T", description = "Tr H (for zo-adam: Tr P^-1 H).")
    Double trace;

    @Option(names = "--trace-se", paramLabel = "SE", description = "Standard error of --trace (bounds use T +- 2 SE).")
    Double traceSe;

    @Option(names = "--lambda-max", paramLabel = "L", description = "Largest eigenvalue of H (may exceed Tr H when H is indefinite).")
    Double lambdaMax;

    @Option(names = "--lambda-min", paramLabel = "L", description = "Smallest eigenvalue of H: negative for an indefinite H, "
            + ">= 0 (e.g. 0) to state H is positive semi-definite, which a sufficient bound needs. Default: unknown.")
    Double lambdaMin;

    @Option(names = "--trace-sq", paramLabel = "T2", description = "tr H^2 (sum of squared eigenvalues): |lambda|max <= sqrt(T2).")
    Double traceSq;

    @Option(names = "--trace-sq-se", paramLabel = "SE", description = "Standard error of --trace-sq (bounds use T2 +- 2 SE).")
    Double traceSqSe;

    @Option(names = "--from-run", paramLabel = "DIR", description = "Run directory (metrics.jsonl; config.json for the optimizer).")
    Path fromRun;

    @Mixin JsonOutput output;

    @Override
    public Integer call() {
        int sources = (spectrum != null ? 1 : 0) + (trace != null ? 1 : 0) + (fromRun != null ? 1 : 0);
        if (sources != 1) {
            throw new IllegalArgumentException("give exactly one of --spectrum, --trace, --from-run");
        }
        if (trace == null && (traceSe != null || lambdaMax != null || traceSq != null || lambdaMin != null || traceSqSe != null)) {
            throw new IllegalArgumentException("--trace-se, --lambda-max, --lambda-min, --trace-sq and --trace-sq-se need --trace");
        }
        if (traceSqSe != null && traceSq == null) {
            throw new IllegalArgumentException("--trace-sq-se needs --trace-sq");
        }
        if (lambdaMin != null && !Double.isFinite(lambdaMin)) {
            throw new IllegalArgumentException("--lambda-min must be finite, got " + lambdaMin);
        }
        RunCurvature run = fromRun == null ? null : RunCurvature.read(fromRun);
        double eta = learningRate(run);
        OptimizerChoice choice = OptimizerChoice.resolve(
                OptimizerChoice.Given.options(optimizer, momentum, beta1, directions), given(run, optimizer == null));
        ZoDynamics dynamics = choice.dynamics();
        if (preconditioner != null && (spectrum == null || dynamics.update() != ZoUpdate.ADAM)) {
            throw new IllegalArgumentException("--preconditioner needs --spectrum and --optimizer zo-adam");
        }
        StabilityReport report;
        String source;
        if (spectrum != null) {
            Spectrum s = SpectrumFile.readSpectrum(spectrum);
            if (preconditioner != null) {
                double[] p = SpectrumFile.readPreconditioner(preconditioner);
                try {
                    s = s.preconditioned(p);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(preconditioner + ": " + e.getMessage(), e);
                }
            }
            report = StabilityCalculator.assess(eta, dynamics, s);
            source = "spectrum " + spectrum + " (d=" + s.dimension() + ")";
        } else if (run != null) {
            report = StabilityCalculator.assess(eta, dynamics, run.curvature());
            source = "run " + run.file() + ":" + run.line();
        } else {
            Curvature c = new Curvature(atLeast("--trace", trace, true), atLeast("--trace-se", traceSe, false),
                    atLeast("--lambda-max", lambdaMax, true), atLeast("--trace-sq", traceSq, false), false,
                    atLeast("--trace-sq-se", traceSqSe, false), lambdaMin == null ? Double.NaN : lambdaMin);
            report = StabilityCalculator.assess(eta, dynamics, c);
            source = "options";
        }
        var out = spec.commandLine().getOut();
        out.println(output.enabled() ? StabilityOutput.json(report, source) : StabilityOutput.table(report, choice, source));
        out.flush();
        return 0;
    }

    private double learningRate(RunCurvature run) {
        double eta = lr != null ? lr : run != null ? run.learningRate() : Double.NaN;
        if (Double.isNaN(eta)) {
            throw new IllegalArgumentException(run == null ? "--lr is required"
                    : "--lr is required (" + run.file() + " has no 'lr')");
        }
        if (!(eta > 0) || Double.isInfinite(eta)) {
            throw new IllegalArgumentException("--lr must be finite and > 0, got " + eta);
        }
        return eta;
    }

    /**
     * What a run says about its optimizer: the id in the {@code config.json} beside its metrics file (if there is one and
     * {@code readId}), the momentum, β₁ and directions recorded with the curvature estimate.
     */
    private static OptimizerChoice.Given given(RunCurvature run, boolean readId) {
        if (run == null) {
            return OptimizerChoice.Given.NONE;
        }
        Path config = run.file().resolveSibling(RunConfig.FILE);
        ZoMethod method = null;
        if (readId && Files.isRegularFile(config)) {
            String id = RunConfig.read(config).get("optimizer").orElse(null);   // malformed: a one-line error naming it
            if (id != null) {
                try {
                    method = ZoMethod.parse(id);
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(config + ": " + e.getMessage() + "; give --optimizer", e);
                }
            }
        }
        return new OptimizerChoice.Given(run.file().toString(), method, nullIfNaN(run.momentum()), nullIfNaN(run.beta1()),
                run.directions() > 0 ? run.directions() : null);
    }

    /** The option's value (NaN when absent) after checking it is finite and > 0 (or ≥ 0). */
    private static double atLeast(String option, Double v, boolean strict) {
        if (v == null) {
            return Double.NaN;
        }
        if (!Double.isFinite(v) || (strict ? !(v > 0) : !(v >= 0))) {
            throw new IllegalArgumentException(option + " must be finite and " + (strict ? "> 0" : ">= 0")
                    + ", got " + v);
        }
        return v;
    }

    private static Double nullIfNaN(double v) {
        return Double.isNaN(v) ? null : v;
    }
}
