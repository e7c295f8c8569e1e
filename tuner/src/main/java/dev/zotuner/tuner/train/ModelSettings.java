package dev.zotuner.tuner.train;

import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Pooling;
import dev.zotuner.tuner.optim.ZoMethod;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Which model a run trains and how its forward passes run.
 *
 * @param model     model name or path ({@code default}, a directory, an .onnx file)
 * @param tokenizer tokenizer.json for a bare .onnx file, or null
 * @param kind      mlm, causal or encoder; null = detect
 * @param trainable trainable-tensor regex, or null for all float weights
 * @param pooling   encoder pooling override, or null
 * @param maxLength tokens per example (the sentence is cut, see {@link InputConfig})
 * @param peft      top-K layers, BitFit or LoRA
 * @param execution frozen-prefix cache and shared-prefix stages
 * @param inputs    tied weights, truncation and where an LM's logits are computed
 */
public record ModelSettings(String model, Path tokenizer, ModelKind kind, String trainable, Pooling pooling,
                            int maxLength, PeftConfig peft, ExecutionConfig execution, InputConfig inputs) {

    public ModelSettings {
        Objects.requireNonNull(model, "model");
        peft = peft == null ? PeftConfig.none() : peft;
        execution = execution == null ? ExecutionConfig.legacy() : execution;
        inputs = inputs == null ? InputConfig.legacy() : inputs;
    }

    /** The models-side spec: LoRA's A seeded by {@code seed}, per-block stages only if {@code method} is MeZO-BCD. */
    public ModelSpec spec(Path cacheDir, long seed, ZoMethod method) {
        return new ModelSpec(model, tokenizer, kind, trainable, pooling, maxLength, cacheDir, peft.topLayers(),
                peft.peft(seed), execution.execution(method), inputs.tieWeights(), inputs.keepTies(), inputs.sliceHead());
    }
}
