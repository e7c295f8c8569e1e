package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.optim.IterateAverage;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Everything needed to rerun (or resume) a fine-tuning run, typed and grouped by concern; written as
 * {@code config.json} (flat, plain values: {@link ConfigJson}).
 *
 * @param seed       the k-shot split seed and the run seed every other random choice derives from
 * @param model      the model and how it runs
 * @param task       the data and its k-shot split
 * @param prompt     template, verbalizer, similarity scale
 * @param optimizer  the ZO method and its hyper-parameters
 * @param loop       steps, batches, evaluation, snapshots, curvature, budget
 * @param provenance base model checksum and tool version, recorded once the model is loaded; null before that and
 *                   in older runs
 */
@JsonSerialize(converter = ConfigJson.Writer.class)
@JsonDeserialize(converter = ConfigJson.Reader.class)
public record FineTuneConfig(long seed, ModelSettings model, TaskSettings task, PromptSettings prompt,
                             OptimizerSettings optimizer, LoopSettings loop, ProvenanceConfig provenance) {

    public FineTuneConfig {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(loop, "loop");
    }

    /** The model to load: its trainable set (LoRA's A seeded by {@link #seed()}) and how it executes. */
    public ModelSpec modelSpec(Path cacheDir) {
        return model.spec(cacheDir, seed, method());
    }

    public ZoMethod method() {
        return optimizer.method();
    }

    /** The optimizer's hyper-parameters, seeded by {@link #seed()}. */
    public ZoSettings settings() {
        return optimizer.zoSettings(seed, loop.steps());
    }

    /**
     * This run's optimizer on {@code store}: the method with its settings, wrapped in an {@link IterateAverage} when the
     * checkpoints are iterate averages ({@code --average}). Borrows the store and the engine.
     */
    public ZoOptimizer optimizer(ParameterStore store, PerturbationEngine engine) {
        ZoOptimizer method = method().create(store, engine, settings());
        return loop.selection().averaged() ? new IterateAverage(method, store, loop.selection().average()) : method;
    }

    /** The perturbation engine this run's steps, replay and export use (the caller closes it). */
    public PerturbationEngine engine() {
        return optimizer.engine();
    }
}
