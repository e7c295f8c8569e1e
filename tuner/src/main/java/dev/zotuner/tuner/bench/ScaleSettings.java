package dev.zotuner.tuner.bench;

import java.util.List;

/**
 * What {@code zo bench scale} runs on every model.
 *
 * @param task     the task of {@code zo eval}, {@code zo finetune} and {@code zo bench step} (sst2)
 * @param k        examples per class of the k-shot split
 * @param testCap  test examples scored by eval and finetune
 * @param steps    fine-tuning steps per run
 * @param batch    rows of the forward batch of the ORT and load figures
 * @param seq      tokens per row of that batch
 * @param threads  intra-op threads of the plain ORT session
 * @param runs     timed forward passes (and {@code zo bench step} repeats)
 * @param seed     seed of the split, runs and token ids
 * @param figures  the figures to measure, in order
 */
public record ScaleSettings(String task, int k, int testCap, int steps, int batch, int seq, int threads, int runs,
                            long seed, List<ScaleFigure> figures) {

    public ScaleSettings {
        figures = List.copyOf(figures);
        if (k < 1 || testCap < 1 || steps < 1 || batch < 1 || seq < 1 || threads < 1 || runs < 1) {
            throw new IllegalArgumentException("bench scale: --k, --test-cap, --steps, --batch, --seq, --threads and "
                    + "--runs must be ≥ 1");
        }
    }

    /** The defaults: sst2, k 8, 32 test examples, 4 steps, 16 × 24 tokens, 2 threads, 3 runs, seed 42, all figures. */
    public static ScaleSettings defaults() {
        return new ScaleSettings("sst2", 8, 32, 4, 16, 24, 2, 3, 42, List.of(ScaleFigure.values()));
    }

    /** The extra {@code zo finetune} options of a fine-tuning figure. */
    static List<String> variant(ScaleFigure f) {
        return switch (f) {
            case FINETUNE_FULL -> List.of("--optimizer", "zo-sgd");
            case FINETUNE_TOP2 -> List.of("--optimizer", "zo-sgd", "--train-layers", "top:2");
            case FINETUNE_LORA -> List.of("--optimizer", "zo-sgd", "--peft", "lora");
            case FINETUNE_BITFIT -> List.of("--optimizer", "zo-sgd", "--peft", "bitfit", "--bitfit-layernorm");
            case FINETUNE_BCD -> List.of("--optimizer", "mezo-bcd");
            default -> throw new IllegalArgumentException(f.id() + " is not a fine-tuning figure");
        };
    }
}
