package dev.zotuner.tuner.bench;

import dev.zotuner.eval.Heads;
import dev.zotuner.eval.PromptedClassifier;
import dev.zotuner.models.Hold;
import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Peft;
import dev.zotuner.prompts.PromptSet;
import dev.zotuner.tasks.kshot.TaskSplit;
import dev.zotuner.tuner.train.FewShotObjective;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.train.MiniBatches;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * The step of each way to pay only for what a step changes, as a ratio to two forward passes of the whole model
 * measured in the same rounds: MeZO over all weights, MeZO-BCD with the upstream stages shared by both probes
 * (per block and mean), the top K layers with the frozen prefix cached, BitFit, and LoRA (Park et al. 2025,
 * "Unraveling Zeroth-Order Optimization through the Lens of Low-Dimensional Structured Perturbations"; Ben Zaken
 * et al. 2022; Hu et al. 2022). Each variant loads its own model next to the reference model; round i times the
 * reference loss, the variant's loss and a variant step on mini-batch i of a run, back to back, so load from other
 * processes and the batch's length hit all three alike.
 */
public final class VariantBenchmark {

    /** One way to fine-tune: what is trainable, how the model runs, which optimizer. */
    public record Variant(String id, ModelSpec spec, ZoMethod method) {
    }

    /**
     * A variant's medians.
     *
     * @param stepMs     median step
     * @param forwardMs  median reference loss (one forward pass of the whole model) in the same rounds
     * @param ownForwardMs median loss of the variant's own model at its θ (cached prefix, stages, adapters)
     * @param perBlockMs MeZO-BCD: median step per block, in block order; empty otherwise
     * @param perBlockForwardsMs MeZO-BCD: median of the step's own two losses per block, timed as the step runs them
     *                   (inside the block's hold: the second starts from the cut the first left); empty otherwise
     */
    public record Result(Variant variant, long parameters, String execution, double stepMs, double forwardMs,
                  double ownForwardMs, Map<String, Double> perBlockMs, Map<String, Double> perBlockForwardsMs,
                  double peakRssMib, double cacheMib) {

        double stepOverTwoForwards() {
            return stepMs / (2 * forwardMs);
        }

        /** Mean over blocks of each block's step over two forwards (MeZO-BCD), else the step's. */
        double meanBlockOverTwoForwards() {
            return perBlockMs.isEmpty() ? stepOverTwoForwards()
                    : perBlockMs.values().stream().mapToDouble(Double::doubleValue).average().orElseThrow() / (2 * forwardMs);
        }

        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("optimizer", variant.method().id());
            m.put("trainable", parameters);
            m.put("execution", execution);
            m.put("step_ms", stepMs);
            m.put("forward_ms", forwardMs);
            m.put("step_over_two_forwards", stepOverTwoForwards());
            m.put("own_forward_ms", ownForwardMs);
            m.put("own_forward_over_forward", ownForwardMs / forwardMs);
            if (!perBlockMs.isEmpty()) {
                Map<String, Double> blocks = new LinkedHashMap<>();
                perBlockMs.forEach((b, ms) -> blocks.put(b, ms / (2 * forwardMs)));
                m.put("per_block_over_two_forwards", blocks);
                m.put("mean_block_over_two_forwards", meanBlockOverTwoForwards());
                Map<String, Double> own = new LinkedHashMap<>();
                perBlockMs.forEach((b, ms) -> own.put(b, ms / perBlockForwardsMs.get(b)));
                m.put("per_block_over_its_forwards", own);
                m.put("mean_block_over_its_forwards", own.values().stream().mapToDouble(Double::doubleValue).average()
                        .orElseThrow());
            }
            m.put("peak_rss_mib", peakRssMib);
            if (cacheMib >= 0) {
                m.put("prefix_cache_mib", cacheMib);
            }
            return m;
        }
    }

    /**
     * The variants on {@code base} as {@code zo finetune} runs them (its execution: frozen prefixes cached), but full
     * MeZO on the whole graph: LoRA targets and K of the top-K variant as given.
     */
    public static List<Variant> standard(ModelSpec base, int topLayers, String loraTargets, long seed) {
        ModelSpec whole = base.withExecution(Execution.whole());
        return List.of(
                new Variant("mezo", whole, ZoMethod.ZO_SGD),
                new Variant("mezo-bcd-shared", base.withExecution(Execution.whole().withSplitBlocks(true)), ZoMethod.MEZO_BCD),
                new Variant("top" + topLayers + "-cached", base.withTopLayers(topLayers), ZoMethod.ZO_SGD),
                new Variant("bitfit", base.withPeft(Peft.bitfit(false)), ZoMethod.ZO_SGD),
                new Variant("lora", base.withPeft(Peft.lora(Peft.DEFAULT_RANK, Peft.DEFAULT_ALPHA, loraTargets, seed)),
                        ZoMethod.ZO_SGD));
    }

    private final FewShotObjective reference;
    private final MiniBatches batches;
    private final PromptSet prompts;
    private final TaskSplit split;
    private final double similarityScale;
    private final PerturbationEngine engine;
    private final ZoSettings settings;
    private final BooleanSupplier stop;

    /**
     * @param batches the mini-batches of a run: round i uses batch i, for the reference and the variant alike
     * @param stop    asked before every forward batch of a variant: true → {@link java.util.concurrent.CancellationException}
     */
    public VariantBenchmark(FewShotObjective reference, MiniBatches batches, PromptSet prompts, TaskSplit split,
                     double similarityScale, PerturbationEngine engine, ZoSettings settings, BooleanSupplier stop) {
        this.reference = reference;
        this.batches = batches;
        this.prompts = prompts;
        this.split = split;
        this.similarityScale = similarityScale;
        this.engine = engine;
        this.settings = settings;
        this.stop = stop;
    }

    /** The few-shot objective of {@code lm} on the split's train set, its prefix cache filled for train and dev. */
    FewShotObjective objective(LanguageModel lm) {
        PromptedClassifier classifier = PromptedClassifier.of(lm, Heads.forModel(lm, prompts, split.labels(), similarityScale))
                .stoppingWhen(stop);
        classifier.cachePrefix(split.train());
        classifier.cachePrefix(split.dev());
        return new FewShotObjective(classifier, split.train(), FewShotObjective.Kind.CROSS_ENTROPY);
    }

    /** Loads the variant, warms up, then {@code repeats} rounds (× blocks for MeZO-BCD) of reference loss + step. */
    public Result run(Variant v, int warmup, int repeats) {
        ResidentMemory.resetPeak();
        try (LanguageModel lm = LanguageModel.load(v.spec())) {
            FewShotObjective objective = objective(lm);
            Runnable base = lm::restoreBase;       // re-read from the files: no copy of θ
            ZoOptimizer optimizer = v.method().create(lm.parameters(), engine, settings);
            int blocks = v.method() == ZoMethod.MEZO_BCD ? lm.parameters().blocks().size() : 1;
            for (int i = 0; i < warmup * blocks; i++) {
                int[] batch = batches.at(i);
                StepBenchmark.lossNs(reference, batch);
                StepBenchmark.lossNs(objective, batch);
                StepBenchmark.stepNs(optimizer, objective, batch, base);
            }
            List<Long> forward = new ArrayList<>();
            List<Long> own = new ArrayList<>();
            List<Long> steps = new ArrayList<>();
            Map<String, List<Long>> perBlock = new LinkedHashMap<>();
            Map<String, List<Long>> perBlockForwards = new LinkedHashMap<>();
            for (int i = 0; i < repeats * blocks; i++) {
                String block = optimizer.tensorsAt(optimizer.steps()).get(0).block();
                int[] batch = batches.at(warmup * blocks + i);
                forward.add(StepBenchmark.lossNs(reference, batch));
                own.add(StepBenchmark.lossNs(objective, batch));
                if (blocks > 1) {
                    try (Hold held = objective.holdFixedExcept(optimizer.tensorsAt(optimizer.steps()))) {
                        long pair = StepBenchmark.lossNs(objective, batch) + StepBenchmark.lossNs(objective, batch);
                        perBlockForwards.computeIfAbsent(block, b -> new ArrayList<>()).add(pair);
                    }
                }
                long ns = StepBenchmark.stepNs(optimizer, objective, batch, base);
                steps.add(ns);
                if (blocks > 1) {
                    perBlock.computeIfAbsent(block, b -> new ArrayList<>()).add(ns);
                }
            }
            Map<String, Double> perBlockMs = new LinkedHashMap<>();
            Map<String, Double> perBlockForwardsMs = new LinkedHashMap<>();
            for (var b : lm.parameters().blocks()) {
                if (perBlock.containsKey(b.name())) {
                    perBlockMs.put(b.name(), StepBenchmark.medianMs(longs(perBlock.get(b.name()))));
                    perBlockForwardsMs.put(b.name(), StepBenchmark.medianMs(longs(perBlockForwards.get(b.name()))));
                }
            }
            double cache = lm.prefixCache().map(c -> c.mib()).orElse(-1.0);
            return new Result(v, lm.parameters().size(), lm.execution(), StepBenchmark.medianMs(longs(steps)),
                    StepBenchmark.medianMs(longs(forward)), StepBenchmark.medianMs(longs(own)), perBlockMs, perBlockForwardsMs,
                    ResidentMemory.read().peakMib(), cache);
        }
    }

    /**
     * Dev-set scoring of {@code variant} against the reference model's, interleaved round by round: medians in ms.
     */
    public double[] devScoring(Variant variant, int repeats) {
        try (LanguageModel lm = LanguageModel.load(variant.spec())) {
            PromptedClassifier mine = objective(lm).classifier();
            PromptedClassifier ref = reference.classifier();
            mine.score(split.dev());
            ref.score(split.dev());
            long[] a = new long[repeats];
            long[] b = new long[repeats];
            for (int i = 0; i < repeats; i++) {
                long t0 = System.nanoTime();
                ref.score(split.dev());
                long t1 = System.nanoTime();
                mine.score(split.dev());
                long t2 = System.nanoTime();
                a[i] = t1 - t0;
                b[i] = t2 - t1;
            }
            return new double[] {StepBenchmark.medianMs(a), StepBenchmark.medianMs(b)};
        }
    }

    private static long[] longs(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
