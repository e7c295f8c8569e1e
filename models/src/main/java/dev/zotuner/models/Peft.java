package dev.zotuner.models;

import java.util.Locale;

/**
 * Which weights a parameter-efficient method trains, in the terms of Hugging Face PEFT where it has them.
 *
 * <ul>
 *   <li>{@link Method#NONE}: every selected float weight (full fine-tuning).</li>
 *   <li>{@link Method#BITFIT}: the bias terms only (Ben Zaken et al. 2022, "BitFit: Simple Parameter-efficient
 *       Fine-tuning for Transformer-based Masked Language-models"), plus LayerNorm γ/β when {@code layerNorm}.</li>
 *   <li>{@link Method#LORA}: low-rank adapters A [in, r], B [r, out] added to the chosen MatMul weights W, so the
 *       layer computes x·W + (α/r)·x·A·B (Hu et al. 2022, "LoRA: Low-Rank Adaptation of Large Language Models").
 *       Only A and B are trained; A starts Kaiming-uniform (bound 1/√in, as PEFT) from {@code seed}, B at zero.</li>
 * </ul>
 *
 * @param method    the method
 * @param layerNorm BitFit: also train LayerNorm scales and shifts
 * @param rank      LoRA rank r
 * @param alpha     LoRA α (the update is scaled by α/r)
 * @param targets   LoRA: Java regex searched in each candidate MatMul's module path (see {@link #DEFAULT_TARGETS})
 * @param seed      LoRA: seed of A's initialisation (a run's seed)
 */
public record Peft(Method method, boolean layerNorm, int rank, double alpha, String targets, long seed) {

    /** The methods. */
    public enum Method {
        NONE, BITFIT, LORA;

        /** Lower-case id as on the command line. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code none}, {@code bitfit} or {@code lora}. */
        public static Method parse(String id) {
            for (Method m : values()) {
                if (m.id().equals(id)) {
                    return m;
                }
            }
            throw new ModelException("--peft '" + id + "': expected none, bitfit or lora");
        }
    }

    /** PEFT's default LoRA rank. */
    public static final int DEFAULT_RANK = 8;
    /** PEFT's default LoRA α. */
    public static final double DEFAULT_ALPHA = 8;
    /**
     * PEFT's default target modules for BERT/RoBERTa ({@code query}, {@code value}), OPT/LLaMA ({@code q_proj},
     * {@code v_proj}) and GPT-2 ({@code c_attn}), as a regex on the module path.
     */
    public static final String DEFAULT_TARGETS = "(^|\\.)(query|value|q_proj|v_proj|c_attn)$";

    public Peft {
        if (method == null) {
            throw new ModelException("--peft: no method");
        }
        if (method == Method.LORA) {
            if (rank < 1) {
                throw new ModelException("--lora-rank " + rank + ": must be ≥ 1");
            }
            if (!(alpha > 0) || Double.isInfinite(alpha)) {
                throw new ModelException("--lora-alpha " + alpha + ": must be a positive number");
            }
            if (targets == null || targets.isEmpty()) {
                throw new ModelException("--lora-targets: empty pattern");
            }
        }
    }

    /** Full fine-tuning. */
    public static Peft none() {
        return new Peft(Method.NONE, false, 0, 0, null, 0);
    }

    /** BitFit: biases, and LayerNorm parameters if {@code layerNorm}. */
    public static Peft bitfit(boolean layerNorm) {
        return new Peft(Method.BITFIT, layerNorm, 0, 0, null, 0);
    }

    /** LoRA with PEFT's defaults but for the seed. */
    public static Peft lora(long seed) {
        return lora(DEFAULT_RANK, DEFAULT_ALPHA, DEFAULT_TARGETS, seed);
    }

    public static Peft lora(int rank, double alpha, String targets, long seed) {
        return new Peft(Method.LORA, false, rank, alpha, targets, seed);
    }

    /** α/r, the factor on x·A·B. */
    public double scaling() {
        return alpha / rank;
    }
}
