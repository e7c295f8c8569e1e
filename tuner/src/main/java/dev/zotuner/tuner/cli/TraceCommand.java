package dev.zotuner.tuner.cli;

import dev.zotuner.eval.Heads;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.Example;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.kshot.TaskSplit;
import dev.zotuner.tuner.bench.TimedObjective;
import dev.zotuner.tuner.curvature.CurvatureMeasurement;
import dev.zotuner.tuner.curvature.HutchinsonOptions;
import dev.zotuner.tuner.curvature.HutchinsonTrace;
import dev.zotuner.tuner.curvature.StepCheck;
import dev.zotuner.tuner.curvature.StepSizeCheck;
import dev.zotuner.tuner.curvature.TraceEstimate;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.train.FewShotObjective;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code zo trace}: Hutchinson's estimate of Tr H of the few-shot cross-entropy at the model's own
 * (pre-trained) weights, from forward passes only ({@link HutchinsonTrace}); optionally the h vs 2h check
 * ({@link StepSizeCheck}) and, given a learning rate, the stability quantities of {@link CurvatureMeasurement}.
 * The loss is the deterministic mean over every example of the chosen k-shot split; probes are seeded, so
 * the same command prints the same numbers. Progress goes to stderr, the result to stdout.
 */
@Command(name = "trace", mixinStandardHelpOptions = true,
        description = {"Hessian trace Tr H of the few-shot loss at the model's weights, from",
                "forward passes only (Hutchinson's estimator on second differences),",
                "with its 95 %% interval. Theory and defaults: docs/curvature-estimation.md.", ""},
        footer = {"", "Probes: --probes N (fixed), or adaptive: stop once se/|Tr| <= --target-rse",
                "(default 0.10) after at least 10 probes, at most --max-probes (default 2000).",
                "A probe costs 2 forward passes over the split (4 with --check-h).",
                "", "Examples:",
                "  zo trace --model default --task sst2 --k 16 --seed 42",
                "  zo trace --task sst2 --probes 40 --check-h --json",
                "  zo trace --task sst2 --split dev --noise rademacher --max-probes 200",
                "  zo trace --task sst2 --lr 1e-6 --optimizer zo-sgd-mmt --momentum 0.9",
                "  zo trace --task sst2 --trainable '^layer\\.5/' --probes 30   # one block"})
public final class TraceCommand implements Callable<Integer> {

    @Mixin ModelOptions model;
    @Mixin TaskOptions task;
    @Mixin PromptOptions prompts;
    @Mixin PeftOptions peft;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "SEED",
            description = "k-shot split seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--split", defaultValue = "train", paramLabel = "train|dev",
            description = "Examples whose mean loss is measured. Default: ${DEFAULT-VALUE}.")
    String split;

    @Option(names = "--h", defaultValue = "" + HutchinsonOptions.DEFAULT_H, paramLabel = "H",
            description = "Finite-difference step (probes are +-h v, v with unit-variance entries). Default: ${DEFAULT-VALUE}.")
    double h;

    @Option(names = "--probes", paramLabel = "N", description = "Exactly N probes (N >= 2).")
    Integer probes;

    @Option(names = "--target-rse", paramLabel = "R",
            description = "Adaptive: stop once se/|Tr| <= R (default 0.10; 0 = run to --max-probes).")
    Double targetRse;

    @Option(names = "--max-probes", paramLabel = "N", description = "Adaptive: at most N probes (default 2000).")
    Integer maxProbes;

    @Option(names = "--noise", defaultValue = "gaussian", paramLabel = "gaussian|rademacher",
            description = "Probe distribution; only Gaussian probes give tr H^2. Default: ${DEFAULT-VALUE}.")
    String noise;

    @Option(names = "--probe-seed", defaultValue = "0", paramLabel = "S",
            description = "Base seed of the probe directions. Default: ${DEFAULT-VALUE}.")
    long probeSeed;

    @Option(names = "--check-h", description = "Repeat every probe at 2h: is h in the quadratic regime?")
    boolean checkH;

    @Option(names = "--lr", paramLabel = "ETA", description = "Learning rate: report S(eta), the threshold and a verdict.")
    Double lr;

    @Option(names = "--optimizer", converter = OptionChoices.Optimizer.class, completionCandidates = OptionChoices.Optimizer.class,
            paramLabel = "zo-sgd|zo-sgd-mmt|n-spsa|...",
            description = "Optimizer id for --lr, as for zo finetune except zo-adam (default zo-sgd; zo-sgd-mmt if "
                    + "--momentum, n-spsa if --directions N > 1).")
    ZoMethod optimizer;

    @Option(names = "--momentum", paramLabel = "BETA", description = "Heavy-ball momentum of zo-sgd-mmt, in [0, 1).")
    Double momentum;

    @Option(names = "--directions", paramLabel = "N",
            description = "n-spsa: Gaussian directions averaged per step, for --lr. Default: 1.")
    Integer directions;

    @Option(names = "--threads", paramLabel = "T",
            description = "Workers of the perturbation passes (ONNX Runtime uses one thread per core). "
                    + "Default: the number of cores.")
    Integer threads;

    @Mixin JsonOutput output;

    @Spec CommandSpec spec;

    @ParentCommand ZoCommand zo;

    @Override
    public Integer call() throws Exception {
        BooleanSupplier stop = zo == null ? () -> false : zo.stop().honour();   // checked before every forward batch
        TraceSettings settings = TraceSettings.parse(this);
        Task loaded = task.load();
        PromptSet promptSet = prompts.resolve(loaded, model.spec().model());
        TaskSplit kshot = task.split(loaded, seed);
        String splitName = settings.dev() ? "dev" : "train";
        List<Example> examples = settings.dev() ? kshot.dev() : kshot.train();
        if (examples.isEmpty()) {
            throw new IllegalArgumentException("task " + loaded.name() + ": the k-shot " + splitName + " split is empty");
        }
        PrintWriter err = spec.commandLine().getErr();
        long start = System.nanoTime();
        TraceReport report;
        try (LanguageModel lm = LanguageModel.load(peft.apply(model.spec(), seed));
             PerturbationEngine engine = new PerturbationEngine(settings.threads(), settings.noise())) {
            PromptedClassifier classifier = PromptedClassifier.of(lm,
                    Heads.forModel(lm, promptSet, kshot.labels(), prompts.similarityScale())).stoppingWhen(stop);
            classifier.cachePrefix(examples);
            TimedObjective objective = new TimedObjective(
                    new FewShotObjective(classifier, examples, FewShotObjective.Kind.CROSS_ENTROPY), System::nanoTime);
            int[] all = IntStream.range(0, objective.size()).toArray();
            long loaded0 = System.nanoTime();
            err.printf(Locale.ROOT, "zo trace: %s %s split, %d examples, %,d parameters, h = %s, %s probes%n",
                    loaded.name(), splitName, examples.size(), lm.parameters().size(), settings.options().step(),
                    settings.noise().name().toLowerCase(Locale.ROOT));
            err.flush();
            TraceProgress progress = new TraceProgress(err, settings.adaptive(), System::nanoTime);
            TraceEstimate estimate;
            StepCheck check = null;
            if (checkH) {
                check = new StepSizeCheck(engine).check(objective, all, null, settings.options(), StepSizeCheck.FLOAT32, progress);
                estimate = check.atH();
            } else {
                estimate = new HutchinsonTrace(engine).estimate(objective, all, null, settings.options(), progress);
            }
            long done = System.nanoTime();
            TraceReport.Setup setup = new TraceReport.Setup(model.spec().model(), loaded.name(), splitName, seed, task.k(),
                    examples.size(), lm.parameters().size(), settings.threads());
            OptimizerChoice optimizer = settings.optimizer();
            ZoDynamics dynamics = optimizer == null ? null : optimizer.dynamics();
            report = new TraceReport(setup, optimizer, new CurvatureMeasurement(-1, estimate, null, dynamics,
                    dynamics == null ? Double.NaN : lr), check,
                    new TraceReport.Timing((loaded0 - start) / 1e9, (done - loaded0) / 1e9, checkH ? 4 : 2,
                            objective.evaluations(), objective.seconds()));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(output.enabled() ? report.json() : report.text());
        out.flush();
        return 0;
    }
}
