package dev.zotuner.tuner.cli;

import dev.zotuner.models.ModelSpec;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.Tasks;
import dev.zotuner.tuner.bench.ResidentMemory;
import dev.zotuner.tuner.optim.StepSplit;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.run.ProgressBar;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.run.RunName;
import dev.zotuner.tuner.train.ExecutionConfig;
import dev.zotuner.tuner.train.InputConfig;
import dev.zotuner.tuner.train.ModelSettings;
import dev.zotuner.tuner.train.PromptSettings;
import dev.zotuner.tuner.train.FewShotSetup;
import dev.zotuner.tuner.train.ProvenanceConfig;
import dev.zotuner.tuner.train.FineTuneConfig;
import dev.zotuner.tuner.train.TrainingLoop;
import dev.zotuner.tuner.train.TrainingSummary;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zo finetune}: zeroth-order fine-tuning on a k-shot split, into a run directory. */
@Command(name = "finetune", mixinStandardHelpOptions = true,
        description = "Fine-tune with forward passes only (MeZO and its family) on a k-shot split.",
        footer = {"", "Examples:",
                "  zo finetune --task sst2 --k 16 --seed 42",
                "  zo finetune --task trec --optimizer mezo-bcd --lr 1e-4 --steps 2000 --curvature-every 200",
                "  zo finetune --task sst2 --train-layers top:2 --lr 1e-4",
                "  zo finetune --task trec --peft lora --lora-rank 8 --lr 1e-3",
                "  zo finetune --task trec --train-layers top:2 --lr 1e-4 --head prototype --head-lr 1e-3",
                "  zo finetune --resume runs/sst2-k16-s42-zo-sgd-20261123-150102"})
public final class FineTuneCommand implements Callable<Integer> {

    @Mixin ModelOptions model;
    @Mixin TaskOptions task;
    @Mixin PromptOptions prompts;
    @Mixin OptimizerOptions optim;
    @Mixin PeftOptions peft;
    @Mixin LoopOptions loop;
    @Mixin HeadOptions head;

    @Option(names = "--seed", defaultValue = "42", description = "k-shot split seed and run seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--run-dir", paramLabel = "DIR", description = "Run directory (default: runs/<task>-k<k>-s<seed>-<optimizer>-<time>).")
    Path runDir;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run in DIR (its config.json wins).")
    Path resume;

    @Option(names = "--stop-after", defaultValue = "0", description = "Stop (resumably) after this step; 0 = run to --steps.")
    long stopAfter;

    @Option(names = "--master", paramLabel = "URL", description = "Estimate each step's directions on Spark workers: "
            + "local[N], spark://host:port, yarn or k8s://… (needs the spark module; any optimizer but zo-sgd-cons and mezo-bcd). "
            + "Default with --workers: spark-submit's --master, else local[W].")
    String master;

    @Option(names = "--workers", defaultValue = "0", paramLabel = "W", description = "Spark tasks per step, each probing "
            + "about n/W of the step's n directions on its own model replica (0 = this process only). Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--fail-once-at-step", hidden = true, defaultValue = "0",
            description = "Test hook: worker 0's first attempt at this step fails mid-probe (Spark retries it).")
    long failOnceAtStep;

    @Spec CommandSpec spec;

    @ParentCommand ZoCommand zo;

    /** Where progress and warnings go when run by {@link #run(List, PrintStream)}; null: stderr. */
    private PrintStream log;

    /** The stop of a run started by {@link #run(List, PrintStream, BooleanSupplier)}; else the CLI's. */
    private BooleanSupplier stopWhen = () -> false;

    /**
     * Runs {@code zo finetune ARGS} in this JVM with its output, one-line errors and progress on {@code log} (one task of
     * {@code zo sweep}), returning the exit status.
     */
    public static int run(List<String> args, PrintStream log) {
        return run(args, log, () -> false);
    }

    /**
     * As {@link #run(List, PrintStream)}, ending the run resumably at the first step boundary after {@code stop} turns
     * true (a cancelled sweep task); the exit status is then 143.
     */
    public static int run(List<String> args, PrintStream log, BooleanSupplier stop) {
        FineTuneCommand command = new FineTuneCommand();
        command.log = log;
        command.stopWhen = stop;
        CommandLine cl = ZoCommand.withOneLineErrors(new CommandLine(command));
        PrintWriter w = new PrintWriter(log, true);
        cl.setOut(w);
        cl.setErr(w);
        return cl.execute(args.toArray(String[]::new));
    }

    /** A command line of exactly these options, parsed but not run: a usage error → {@code ParameterException}. */
    public static void checkArguments(List<String> args) {
        new CommandLine(new FineTuneCommand()).parseArgs(args.toArray(String[]::new));
    }

    @Override
    public Integer call() {
        BooleanSupplier stop = zo == null ? stopWhen : zo.stop().honour();
        if (master != null && workers < 1 || workers < 0) {
            throw new IllegalArgumentException("--master needs --workers W ≥ 1, got " + workers);
        }
        WorkerSteps service = workers > 0 ? WorkerSteps.find() : null;
        PrintWriter out = spec.commandLine().getOut();
        FineTuneConfig fresh = resume == null ? config() : null;
        if (service != null && fresh != null) {
            requireSplitSteps(fresh.method());      // before a run directory is made
            if (fresh.prompt().head() != null) {
                throw new IllegalArgumentException("--head " + fresh.prompt().head().method() + " cannot split steps "
                        + "between workers (the head trains on this process's probes)");
            }
        }
        try (RunDirectory run = resume != null ? RunDirectory.open(resume) : RunDirectory.create(directory(), fresh)) {
            FineTuneConfig config = run.config(FineTuneConfig.class);
            if (service != null) {
                requireSplitSteps(config.method());
            }
            spec.commandLine().getErr().printf("zo finetune: %s%s%n", resume != null ? "resuming "
                    : run.restarted() ? "starting over (the earlier start logged nothing) in " : "", run.path());
            spec.commandLine().getErr().flush();
            try (FewShotSetup setup = FewShotSetup.load(config, model.cacheDir)) {
                String base = setup.model().prepared().checksum();
                if (config.provenance() != null) {
                    config.provenance().requireBase(base, config.model().model(), run.path(), "resume");
                } else if (resume == null) {
                    run.recordInConfig("provenance", ProvenanceConfig.now(base));  // older runs stay as written
                }
                spec.commandLine().getErr().printf("zo finetune: %,d trainable values; %s%s%n", setup.model().parameters().size(),
                        setup.model().execution(), setup.model().prefixCache().map(c -> String.format(Locale.ROOT,
                                " (%d train+dev examples, %.1f MiB)", c.rows(), c.mib())).orElse(""));
                setup.model().prepared().ties().frozen().forEach(t -> spec.commandLine().getErr().printf(
                        "zo finetune: kept frozen, tied to a frozen tensor: %s%n", t));
                ProgressBar bar = log == null ? ProgressBar.onStderr(0, config.loop().steps())
                        : new ProgressBar(log, 0, config.loop().steps(), false, System::nanoTime);
                TrainingSummary s;
                TrainingLoop loop;
                if (workers > 0) {
                    WorkerSteps.Settings settings = new WorkerSteps.Settings(master, workers, failOnceAtStep);
                    try (WorkerSteps.Session session = service.open(settings, config, run, model.cacheDir,
                            log == null ? System.err : log)) {
                        loop = new TrainingLoop(config, setup, run, bar, session);
                        s = loop.run(resume != null, stopAfter, stop);
                    }
                } else {
                    loop = new TrainingLoop(config, setup, run, bar);
                    s = loop.run(resume != null, stopAfter, stop);
                }
                loop.warnings().forEach(w -> spec.commandLine().getErr().println("zo finetune: warning: " + w));
                out.printf(Locale.ROOT, "%s after %d steps: selected on dev: step %d (dev %.4f); test %.4f (base model %.4f); %s%n",
                        s.status(), s.steps(), s.bestStep(), s.bestDevAccuracy(), s.testAccuracy(),
                        s.zeroShotTestAccuracy(), run.path());
                out.flush();
                spec.commandLine().getErr().printf(Locale.ROOT, "zo finetune: peak RSS %.0f MiB%s%n", ResidentMemory.read().peakMib(),
                        setup.model().prefixCache().map(c -> String.format(Locale.ROOT,
                                "; frozen-prefix cache %d examples, %.1f MiB, %d rows served, %d computed",
                                c.rows(), c.mib(), c.hits(), c.computed())).orElse(""));
                if (s.status().equals("stopped") && stop.getAsBoolean()) {
                    return stopped(s.steps(), run.path());
                }
            }
        }
        return 0;
    }

    /** The one line of a run a stop request ended (models closed, logs flushed); its exit status. */
    private int stopped(long step, Path dir) {
        String signal = zo == null ? null : zo.stop().signalName();
        spec.commandLine().getErr().printf(Locale.ROOT, "zo finetune: %sstopped at step %d; resume with zo finetune "
                + "--resume %s%n", signal == null ? "" : signal + ": ", step, dir);
        spec.commandLine().getErr().flush();
        return zo == null ? 143 : zo.stop().exitStatus();
    }

    private static void requireSplitSteps(ZoMethod method) {
        if (!StepSplit.supported(method)) {
            throw new IllegalArgumentException("--workers needs an optimizer whose steps split between workers ("
                    + StepSplit.supported().stream().map(ZoMethod::id).collect(Collectors.joining(", ")) + "), not "
                    + method.id());
        }
    }

    private Path directory() {
        if (runDir != null) {
            return runDir;
        }
        return new RunName(Tasks.nameOf(task.id()), task.k(), seed, optim.optimizer.id(), LocalDateTime.now())
                .under(RunName.DEFAULT_BASE);
    }

    private FineTuneConfig config() {
        Task loaded = task.load();
        PromptSet p = prompts.resolve(loaded, model.spec().model());
        ModelSpec m = model.spec();
        ModelSettings modelSettings = new ModelSettings(m.model(), m.tokenizer(), m.kind(), m.trainable(), m.pooling(),
                m.maxLength(), peft.config(), new ExecutionConfig(model.cacheMib, optim.sharedPrefix),
                InputConfig.current(m.tieWeights()));
        return new FineTuneConfig(seed, modelSettings, task.settings(),
                new PromptSettings(p.template().pattern(), p.labelWords(), prompts.similarityScale(), head.config()),
                optim.settings(),
                loop.settings(), null);
    }
}
