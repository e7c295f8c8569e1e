package dev.zotuner.tuner.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The measurements of {@code zo bench scale}, each taken in a child JVM of its own (so each peak RSS is that
 * command's alone), in this order: plain ONNX Runtime on the original file, zo's model load, {@code zo eval},
 * {@code zo finetune} five ways, {@code zo bench step}, {@code zo export} of the full fine-tuning run and plain ONNX
 * Runtime on the export.
 */
public enum ScaleFigure {
    /** OrtSession on the original graph file: session creation and forward time. */
    ORT("ort", "plain ONNX Runtime"),
    /** {@code LanguageModel.load} (zo's load time) and zo's forward of the same batch. */
    LOAD("load", "zo load"),
    /** {@code zo eval} zero-shot. */
    EVAL("eval", "zo eval"),
    /** {@code zo finetune --optimizer zo-sgd} (every weight). */
    FINETUNE_FULL("finetune-full", "zo finetune"),
    /** {@code --train-layers top:2}. */
    FINETUNE_TOP2("finetune-top2", "zo finetune top:2"),
    /** {@code --peft lora}. */
    FINETUNE_LORA("finetune-lora", "zo finetune LoRA"),
    /** {@code --peft bitfit --bitfit-layernorm} (biases and norm scales: Llama has no biases). */
    FINETUNE_BITFIT("finetune-bitfit", "zo finetune BitFit"),
    /** {@code --optimizer mezo-bcd}. */
    FINETUNE_BCD("finetune-bcd", "zo finetune MeZO-BCD"),
    /** {@code zo bench step}: forward and MeZO step time on one batch. */
    STEP("step", "zo bench step"),
    /** {@code zo export} of the full fine-tuning run. */
    EXPORT("export", "zo export"),
    /** Plain ONNX Runtime on the exported file: does the export load and run. */
    EXPORT_RELOAD("export-reload", "export re-load (ORT)");

    private final String id;
    private final String label;

    ScaleFigure(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The spelling in JSON and on the command line, e.g. {@code finetune-lora}. */
    public String id() {
        return id;
    }

    /** A short human label. */
    public String label() {
        return label;
    }

    /** Whether this figure needs the run directory of {@link #FINETUNE_FULL}. */
    public boolean needsFullRun() {
        return this == EXPORT || this == EXPORT_RELOAD;
    }

    /** The figures named by a comma list ({@code all}, or ids). */
    public static List<ScaleFigure> parse(List<String> ids) {
        if (ids.equals(List.of("all"))) {
            return List.of(values());
        }
        return ids.stream().map(ScaleFigure::byId).sorted().toList();
    }

    private static ScaleFigure byId(String id) {
        return Arrays.stream(values()).filter(f -> f.id.equals(id.strip())).findFirst().orElseThrow(() ->
                new IllegalArgumentException("unknown figure '" + id + "' (known: all, "
                        + String.join(", ", Arrays.stream(values()).map(ScaleFigure::id).toList()) + ")"));
    }
}
