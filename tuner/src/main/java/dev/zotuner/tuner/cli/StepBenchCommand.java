package dev.zotuner.tuner.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.zotuner.eval.ClassHead;
import dev.zotuner.eval.Heads;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.models.Peft;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.Task;
import dev.zotuner.tasks.kshot.TaskSplit;
import dev.zotuner.tuner.bench.ConsecutiveSteps;
import dev.zotuner.tuner.bench.ResidentMemory;
import dev.zotuner.tuner.bench.StepBenchmark;
import dev.zotuner.tuner.bench.VariantBenchmark;
import dev.zotuner.tuner.train.FewShotObjective;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.train.MiniBatches;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code zo bench step}: on the few-shot objective of a task (as {@code zo finetune} builds it), the time of a
 * forward loss evaluation, a full-parameter ZO step and a MeZO-BCD step on one fixed mini-batch, and the peak
 * resident memory of fine-tuning against evaluation.
 *
 * <p>SIGTERM / SIGINT stop it before its next forward batch (the variants' included), with no result.
 */
@Command(name = "step", mixinStandardHelpOptions = true,
        description = "Time a forward pass, a MeZO step and a MeZO-BCD step on one batch; peak RSS of fine-tuning vs evaluation "
                + "(test split). Default task: sst2.",
        footer = {"", "Examples:",
                "  zo bench step --json",
                "  zo bench step --task trec --optimizer zo-adam --repeats 15"})
public final class StepBenchCommand implements Callable<Integer> {

    private static final String DEFAULT_TASK = "sst2";
    private static final List<ZoMethod> STATEFUL = List.of(ZoMethod.ZO_SGD, ZoMethod.ZO_SGD_MOMENTUM, ZoMethod.ZO_ADAM);

    @Mixin ModelOptions model;
    @Mixin TaskOptions task;
    @Mixin PromptOptions prompts;

    @Option(names = "--optimizer", defaultValue = "zo-sgd", description = "Full-parameter method timed against mezo-bcd. Default: ${DEFAULT-VALUE}.")
    String optimizer;

    @Option(names = "--lr", defaultValue = "2e-5", description = "Learning rate η. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--eps", defaultValue = "1e-3", description = "Perturbation scale ε. Default: ${DEFAULT-VALUE}.")
    double eps;

    @Option(names = "--threads", defaultValue = "2", description = "Perturbation threads. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--seed", defaultValue = "42", description = "k-shot split, mini-batch and step seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--batch", defaultValue = "16", description = "Examples in the timed mini-batch. Default: ${DEFAULT-VALUE}.")
    int batch;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed rounds first. Default: ${DEFAULT-VALUE}.")
    int warmup;

    @Option(names = "--repeats", defaultValue = "9", description = "Timed rounds; medians are reported. Default: ${DEFAULT-VALUE}.")
    int repeats;

    @Option(names = "--steps", defaultValue = "16", description = "Fine-tuning steps of the memory phase. Default: ${DEFAULT-VALUE}.")
    int steps;

    @Option(names = "--consecutive", defaultValue = "8", paramLabel = "N",
            description = "Steps per round of the look-ahead vs plain comparison. Default: ${DEFAULT-VALUE}.")
    int consecutive;

    @Option(names = "--variants", defaultValue = "all", split = ",", paramLabel = "all|none|ID,...",
            description = "Also time these variants against two forwards of the whole model: mezo, mezo-bcd-shared, "
                    + "topK-cached, bitfit, lora. Default: ${DEFAULT-VALUE}.")
    List<String> variants;

    @Option(names = "--top-layers", defaultValue = "2", paramLabel = "K",
            description = "K of the top-K variant. Default: ${DEFAULT-VALUE}.")
    int topLayers;

    @Option(names = "--lora-targets", defaultValue = Peft.DEFAULT_TARGETS, paramLabel = "REGEX",
            description = "MatMuls of the LoRA variant (rank 8, α 8). Default: query and value.")
    String loraTargets;

    @Mixin JsonOutput output;

    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (repeats < 1 || warmup < 0 || batch < 1 || steps < 1 || threads < 1) {
            throw new IllegalArgumentException("bench step: --repeats, --batch, --steps and --threads must be ≥ 1 and "
                    + "--warmup ≥ 0, got " + repeats + ", " + batch + ", " + steps + ", " + threads + ", " + warmup);
        }
        ZoMethod method = ZoMethod.parse(optimizer);
        BooleanSupplier stop = ZoCommand.honouredStop(spec);
        if (task.task == null) {
            task.task = DEFAULT_TASK; // a benchmark needs no choice of task
        }
        Task loaded = task.load();
        PromptSet promptSet = prompts.resolve(loaded, model.spec().model());
        TaskSplit split = task.split(loaded, seed);
        ZoSettings settings = ZoSettings.defaults(seed).withLr(lr).withEps(eps);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("model", model.spec().model());
        out.put("task", loaded.name());
        out.put("optimizer", method.id());
        out.put("load_average_at_start", loadAverage());
        try (LanguageModel lm = LanguageModel.load(model.spec());
             PerturbationEngine engine = new PerturbationEngine(threads, NoiseKind.GAUSSIAN)) {
            ClassHead head = Heads.forModel(lm, promptSet, split.labels(), prompts.similarityScale());
            PromptedClassifier classifier = PromptedClassifier.of(lm, head).stoppingWhen(stop);
            FewShotObjective objective = new FewShotObjective(classifier, split.train(), FewShotObjective.Kind.CROSS_ENTROPY);
            ParameterStore store = objective.parameters();
            MiniBatches batches = new MiniBatches(objective.size(), batch, seed);
            out.put("parameters", store.size());
            out.put("batch", batches.batchSize());
            progress("memory: evaluation, then " + steps + " + " + steps + " steps");
            out.put("memory", memory(classifier, split, () -> method.create(store, engine, settings), batches, objective));
            out.put("noise_warm_up", engine.warmUp());
            progress("timing: " + warmup + " + " + repeats + " rounds of forward, step, block step");
            StepBenchmark bench = new StepBenchmark(objective, batches.at(0), lm::restoreBase);
            StepBenchmark.Timings t = bench.run(method.create(store, engine, settings),
                    ZoMethod.MEZO_BCD.create(store, engine, settings), warmup, repeats);
            Map<String, Object> timing = new LinkedHashMap<>();
            timing.put("repeats", repeats);
            timing.put("forward_ms", t.forwardMs());
            timing.put("step_ms", t.fullMs());
            timing.put("bcd_step_ms", t.blockMs());
            timing.put("step_over_forward", t.fullOverForward());
            timing.put("bcd_step_over_forward", t.blockOverForward());
            out.put("timing", timing);
            progress("consecutive steps: " + repeats + " rounds of " + consecutive);
            out.put("consecutive_steps", new ConsecutiveSteps(objective, batches::at, lm::restoreBase)
                    .run(() -> method.create(store, engine, settings), repeats, consecutive).json());
            Map<String, Object> state = new LinkedHashMap<>();
            for (ZoMethod m : STATEFUL) {
                state.put(m.id(), m.stateBytes(store.size(), settings));   // not allocated: 2 × θ for Adam at 1.3 B
            }
            out.put("optimizer_state_bytes", state);
            if (!variants.equals(List.of("none"))) {
                out.put("variants", variants(objective, batches, promptSet, split, engine, settings, stop));
            }
        }
        out.put("load_average_at_end", loadAverage());
        print(out);
        return 0;
    }

    /**
     * Peak RSS of evaluating the test split, then of {@code --steps} fine-tuning steps (the first ones: JIT
     * compilation of the perturbation kernels included), then of {@code --steps} more (steady state), each on
     * its own.
     */
    private Map<String, Object> memory(PromptedClassifier classifier, TaskSplit split, Supplier<ZoOptimizer> optimizer,
                                       MiniBatches batches, FewShotObjective objective) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("loaded_rss_mib", ResidentMemory.read().currentMib());
        boolean reset = ResidentMemory.resetPeak();
        classifier.score(split.test());
        Phase eval = Phase.now();
        reset &= ResidentMemory.resetPeak();
        ZoOptimizer tuner = optimizer.get();    // its state (momentum, Adam) counts as fine-tuning memory
        for (int s = 0; s < steps; s++) {
            tuner.step(objective, batches.at(s));
        }
        Phase first = Phase.now();
        reset &= ResidentMemory.resetPeak();
        for (int s = steps; s < 2 * steps; s++) {
            tuner.step(objective, batches.at(s));
        }
        Phase steady = Phase.now();
        m.put("peak_reset", reset);
        if (!reset) {
            m.put("note", "writing /proc/self/clear_refs failed: each peak includes everything before it");
        }
        m.put("eval_examples", split.test().size());
        m.put("finetune_steps_per_phase", steps);
        m.put("eval", eval.json());
        m.put("finetune_first", first.json());
        m.put("finetune_steady", steady.json());
        m.put("finetune_first_over_eval", first.rss().peakMib() / eval.rss().peakMib());
        m.put("finetune_steady_over_eval", steady.rss().peakMib() / eval.rss().peakMib());
        double stateMib = tuner.memoryBytes() / (1024.0 * 1024.0);
        m.put("optimizer_state_mib", stateMib);
        m.put("finetune_steady_over_eval_plus_state", steady.rss().peakMib() / (eval.rss().peakMib() + stateMib));
        return m;
    }

    /**
     * The issue-13 variants (or those {@code --variants} names), each against the whole model's forward pass, and
     * dev scoring with the top-K variant's frozen prefix cached vs uncached vs the reference model.
     */
    private Map<String, Object> variants(FewShotObjective reference, MiniBatches batches, PromptSet promptSet,
                                         TaskSplit split, PerturbationEngine engine, ZoSettings settings,
                                         BooleanSupplier stop) {
        VariantBenchmark bench = new VariantBenchmark(reference, batches, promptSet, split, prompts.similarityScale(),
                engine, settings, stop);
        Map<String, Object> out = new LinkedHashMap<>();
        List<VariantBenchmark.Variant> all = VariantBenchmark.standard(model.spec(), topLayers, loraTargets, seed);
        for (VariantBenchmark.Variant v : all) {
            if (variants.equals(List.of("all")) || variants.contains(v.id())) {
                if (stop.getAsBoolean()) {
                    throw new CancellationException("stopped before variant " + v.id());
                }
                progress("variant " + v.id() + " ...");
                out.put(v.id(), bench.run(v, warmup, repeats).json());
            }
        }
        VariantBenchmark.Variant cached = all.get(2);
        if (out.containsKey(cached.id())) {
            double[] withCache = bench.devScoring(cached, repeats);
            double[] without = bench.devScoring(new VariantBenchmark.Variant(cached.id() + "-uncached",
                    cached.spec().withExecution(Execution.whole()), cached.method()), repeats);
            Map<String, Object> dev = new LinkedHashMap<>();
            dev.put("examples", split.dev().size());
            dev.put("reference_ms", withCache[0]);
            dev.put("top_uncached_ms", without[1]);
            dev.put("top_cached_ms", withCache[1]);
            dev.put("reference_over_cached", withCache[0] / withCache[1]);
            dev.put("uncached_over_cached", without[1] / withCache[1] * (withCache[0] / without[0]));
            out.put("dev_scoring", dev);
        }
        return out;
    }

    /** Resident memory and committed Java heap at the end of a phase. */
    private record Phase(ResidentMemory rss, double heapCommittedMib) {

        static Phase now() {
            return new Phase(ResidentMemory.read(), StepBenchCommand.heapCommittedMib());
        }

        Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("peak_rss_mib", rss.peakMib());
            m.put("end_rss_mib", rss.currentMib());
            m.put("heap_committed_mib", heapCommittedMib);
            return m;
        }
    }

    /** Java heap the JVM has taken from the OS (part of RSS; it grows lazily and rarely shrinks). */
    private static double heapCommittedMib() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getCommitted() / (1024.0 * 1024.0);
    }

    /** One line on stderr: the phase that starts. */
    private void progress(String phase) {
        spec.commandLine().getErr().println("zo bench step: " + phase);
        spec.commandLine().getErr().flush();
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private void print(Map<String, Object> out) throws Exception {
        PrintWriter w = spec.commandLine().getOut();
        if (output.enabled()) {
            w.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(out));
        } else {
            out.forEach((k, v) -> w.println(k + ": " + v));
        }
        w.flush();
    }
}
