package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to rerun (or resume) a fine-tuning run; written as {@code config.json}. Plain values
 * only, so the file is readable without the code.
 *
 * @param model          model name or path ({@code default}, a directory, an .onnx file)
 * @param tokenizer      tokenizer.json for a bare .onnx file, or null
 * @param kind           mlm, causal, encoder, or null to detect
 * @param trainable      trainable-tensor regex, or null for all float weights
 * @param pooling        encoder pooling override, or null
 * @param maxLength      tokenizer truncation
 * @param task           bundled task id or custom training file
 * @param testFile       custom task test file, or null
 * @param textColumn     custom task text column
 * @param labelColumn    custom task label column
 * @param header         custom task files have a header
 * @param labels         custom task label values in class order (empty: derived)
 * @param k              examples per class
 * @param seed           k-shot split seed and the run seed every other random choice derives from
 * @param testCap        test subsample size, 0 = all
 * @param template       prompt template
 * @param labelWords     label value → label word
 * @param similarityScale encoder head inverse temperature
 * @param optimizer      method id ({@link ZoMethod#id()})
 * @param lr             learning rate η
 * @param schedule       {@code constant} or {@code linear}
 * @param eps            perturbation scale ε
 * @param weightDecay    λ (not on biases/LayerNorm)
 * @param momentum       heavy-ball β
 * @param beta1          Adam β₁
 * @param beta2          Adam β₂
 * @param directions     n-SPSA directions per step
 * @param blockOrder     MeZO-BCD order ({@code cyclic} or {@code random})
 * @param restoration    {@code in-place} or {@code snapshot}
 * @param noise          {@code gaussian} or {@code rademacher}
 * @param steps          optimizer steps
 * @param batch          examples per step, 0 = full batch
 * @param objective      {@code cross-entropy} or {@code accuracy}
 * @param evalEvery      dev evaluation period in steps
 * @param snapshotEvery  weight snapshot period in steps
 * @param curvatureEvery Hutchinson trace period in steps, 0 = off
 * @param probes         Hutchinson probes per measurement
 * @param ritzDirections recent directions for the λmax lower bound, 0 = off
 * @param centerLoss     evaluate L(θ) every step for a one-probe trace sample
 * @param threads        perturbation threads
 * @param peft           top-K layers, BitFit or LoRA; null (older runs) = full fine-tuning
 * @param execution      frozen-prefix cache and shared-prefix stages; null (older runs) = whole graph, no cache
 * @param perturbation   dense, sparse or low-rank directions; null (older runs) = dense
 * @param budget         time budget and test curve; null (older runs) = none
 * @param inputs         tied weights and truncation; null (older runs) = untied, prompt cut at its end
 * @param provenance     base model checksum and tool version, recorded once the model is loaded; null in older runs
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FineTuneConfig(String model, String tokenizer, String kind, String trainable, String pooling, int maxLength,
                             String task, String testFile, String textColumn, String labelColumn, boolean header,
                             List<String> labels, int k, long seed, int testCap,
                             String template, Map<String, String> labelWords, double similarityScale,
                             String optimizer, double lr, String schedule, double eps, double weightDecay,
                             double momentum, double beta1, double beta2, int directions, String blockOrder,
                             String restoration, String noise, long steps, int batch, String objective,
                             long evalEvery, long snapshotEvery, long curvatureEvery, int probes, int ritzDirections,
                             boolean centerLoss, int threads, PeftConfig peft, ExecutionConfig execution,
                             PerturbationConfig perturbation, BudgetConfig budget, InputConfig inputs,
                             ProvenanceConfig provenance) {

    public FineTuneConfig {
        labels = labels == null ? List.of() : List.copyOf(labels);
        peft = peft == null ? PeftConfig.none() : peft;
        execution = execution == null ? ExecutionConfig.legacy() : execution;
        perturbation = perturbation == null ? PerturbationConfig.dense() : perturbation;
        budget = budget == null ? BudgetConfig.none() : budget;
        inputs = inputs == null ? InputConfig.legacy() : inputs;
        check(steps >= 1, "--steps must be ≥ 1, got " + steps);
        check(batch >= 0, "--batch must be ≥ 1 or 'full', got " + batch);
        check(lr > 0, "--lr must be > 0, got " + lr);
        check(evalEvery >= 1, "--eval-every must be ≥ 1, got " + evalEvery);
        check(snapshotEvery >= 1, "--snapshot-every must be ≥ 1, got " + snapshotEvery);
        check(curvatureEvery >= 0, "--curvature-every must be ≥ 0, got " + curvatureEvery);
        check(threads >= 1, "--threads must be ≥ 1, got " + threads);
        check(objective.equals("cross-entropy") || objective.equals("accuracy"),
                "--objective must be cross-entropy or accuracy, got " + objective);
        ZoMethod.parse(optimizer);
    }

    /** Checks the string-valued choices (a record's compact constructor cannot call its accessors). */
    public FineTuneConfig validated() {
        settings();
        noiseKind();
        return this;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }

    /** The model to load: its trainable set (LoRA's A seeded by {@link #seed()}) and how it executes. */
    public ModelSpec modelSpec(Path cacheDir) {
        return new ModelSpec(model, tokenizer == null ? null : Path.of(tokenizer), kind == null ? null : ModelKind.parse(kind), trainable,
                pooling == null ? null : Pooling.parse(pooling), maxLength, cacheDir, peft.topLayers(), peft.peft(seed),
                execution.execution(method()), inputs.tieWeights());
    }

    public ZoMethod method() {
        return ZoMethod.parse(optimizer);
    }

    /** The optimizer's hyper-parameters, seeded by {@link #seed()}. */
    public ZoSettings settings() {
        LearningRate rate = switch (schedule) {
            case "constant" -> LearningRate.constant(lr);
            case "linear" -> LearningRate.linear(lr, steps);
            default -> throw new IllegalArgumentException("--schedule must be constant or linear, got " + schedule);
        };
        BlockOrder order = switch (blockOrder) {
            case "cyclic" -> BlockOrder.CYCLIC;
            case "random" -> BlockOrder.RANDOM_PERMUTATION;
            default -> throw new IllegalArgumentException("--block-order must be cyclic or random, got " + blockOrder);
        };
        Restoration r = switch (restoration) {
            case "in-place" -> Restoration.IN_PLACE;
            case "snapshot" -> Restoration.SNAPSHOT;
            default -> throw new IllegalArgumentException("--restoration must be in-place or snapshot, got " + restoration);
        };
        return ZoSettings.defaults(seed).withLr(rate).withEps(eps).withWeightDecay(weightDecay).withMomentum(momentum)
                .withAdam(beta1, beta2, ZoSettings.ADAM_EPS).withDirections(directions).withBlockOrder(order).withRestoration(r);
    }

    /** The perturbation engine this run's steps, replay and export use (the caller closes it). */
    public PerturbationEngine engine() {
        return new PerturbationEngine(threads, noiseKind(), perturbation.toStructure());
    }

    public NoiseKind noiseKind() {
        return switch (noise) {
            case "gaussian" -> NoiseKind.GAUSSIAN;
            case "rademacher" -> NoiseKind.RADEMACHER;
            default -> throw new IllegalArgumentException("--noise must be gaussian or rademacher, got " + noise);
        };
    }
}
