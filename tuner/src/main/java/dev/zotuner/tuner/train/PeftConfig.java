package dev.zotuner.tuner.train;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.zotuner.models.Peft;

/**
 * Which weights a run trains beyond {@code --trainable}: the top K layers, BitFit's biases or LoRA adapters (the
 * {@code peft} object of {@code config.json}). Absent in runs written before it existed: full fine-tuning.
 *
 * @param topLayers       train the top K layers and the blocks above them; 0 = all
 * @param method          {@code none}, {@code bitfit} or {@code lora}
 * @param bitfitLayerNorm BitFit also trains LayerNorm γ/β
 * @param loraRank        LoRA rank r
 * @param loraAlpha       LoRA α (updates scaled by α/r)
 * @param loraTargets     regex on the module path of the MatMuls that get adapters
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PeftConfig(int topLayers, String method, boolean bitfitLayerNorm, int loraRank, double loraAlpha,
                         String loraTargets) {

    public PeftConfig {
        method = method == null ? Peft.Method.NONE.id() : method;
        Peft.Method.parse(method);
        if (topLayers < 0) {
            throw new IllegalArgumentException("--train-layers top:" + topLayers + ": K must be ≥ 1");
        }
    }

    /** Full fine-tuning. */
    public static PeftConfig none() {
        return new PeftConfig(0, Peft.Method.NONE.id(), false, Peft.DEFAULT_RANK, Peft.DEFAULT_ALPHA, Peft.DEFAULT_TARGETS);
    }

    /** The models-side choice; LoRA's A is initialised from {@code seed} (the run seed). */
    public Peft peft(long seed) {
        return switch (Peft.Method.parse(method)) {
            case NONE -> Peft.none();
            case BITFIT -> Peft.bitfit(bitfitLayerNorm);
            case LORA -> Peft.lora(loraRank, loraAlpha, loraTargets, seed);
        };
    }
}
