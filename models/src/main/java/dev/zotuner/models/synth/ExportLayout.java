package dev.zotuner.models.synth;

import dev.zotuner.models.ModelException;
import java.util.Arrays;
import java.util.List;

/**
 * How an export directory stores the graph and its weights, as the exporters users run write them. Weights of
 * 1 KiB or more go to external data in every layout but {@link #INLINE} (ONNX's and torch's size threshold); smaller
 * ones stay in the graph. {@code config.json} and {@code tokenizer.json} are always at the top of the directory.
 */
public enum ExportLayout {
    /** {@link #INLINE} when the whole model fits one protobuf (2 GiB), else {@link #TORCH}: what torch.onnx.export does. */
    AUTO("auto"),
    /** {@code model.onnx} with every weight inside (refused above 2 GiB). */
    INLINE("inline"),
    /** {@code model.onnx} + one file per weight named after it ({@code onnx__MatMul_1234}): torch above 2 GiB. */
    TORCH("torch"),
    /** {@code model.onnx} + {@code model.onnx_data}: Optimum ({@code onnx.save(..., save_as_external_data=True)}). */
    OPTIMUM("optimum"),
    /** {@code model.onnx} + {@code model.onnx.data}: the other single-file spelling. */
    ONNX_DATA("onnx-data"),
    /** {@code onnx/model.onnx} + {@code onnx/model.onnx_data}, configuration at the top (Hub repositories). */
    SUBFOLDER("onnx-subfolder");

    /** Weights smaller than this many bytes stay inline (onnx's {@code size_threshold}, torch's threshold). */
    public static final long EXTERNAL_THRESHOLD = 1024;
    /** The largest protobuf message: an inline model must be smaller. */
    public static final long PROTOBUF_LIMIT = Integer.MAX_VALUE;

    private final String label;

    ExportLayout(String label) {
        this.label = label;
    }

    /** The command-line spelling, e.g. {@code onnx-data}. */
    public String label() {
        return label;
    }

    /** Parses a command-line spelling. */
    public static ExportLayout parse(String label) {
        for (ExportLayout l : values()) {
            if (l.label.equalsIgnoreCase(label.strip())) {
                return l;
            }
        }
        throw new ModelException("unknown layout '" + label + "' (known: " + String.join(", ", labels()) + ")");
    }

    /** Every spelling. */
    public static List<String> labels() {
        return Arrays.stream(values()).map(ExportLayout::label).toList();
    }

    /** {@link #AUTO} decided for a model of {@code weightBytes}; any other layout is itself. */
    public ExportLayout resolve(long weightBytes) {
        if (this != AUTO) {
            return this;
        }
        return weightBytes < PROTOBUF_LIMIT - (64L << 20) ? INLINE : TORCH;
    }

    /** The graph file, relative to the export directory. */
    public String graphFile() {
        return this == SUBFOLDER ? "onnx/model.onnx" : "model.onnx";
    }

    /** Whether weights of {@code bytes} go to external data. */
    public boolean external(long bytes) {
        return this != INLINE && this != AUTO && bytes >= EXTERNAL_THRESHOLD;
    }

    /** The external data file of a weight, relative to the graph file's directory ({@code location}). */
    public String dataFile(String tensor) {
        return switch (this) {
            case TORCH -> torchFileName(tensor);
            case OPTIMUM, SUBFOLDER -> "model.onnx_data";
            case ONNX_DATA -> "model.onnx.data";
            case INLINE, AUTO -> throw new IllegalStateException(label + " has no external data");
        };
    }

    /** Whether every weight has a file of its own. */
    public boolean filePerTensor() {
        return this == TORCH;
    }

    /** torch's file name for a tensor: the characters {@code \/:?"<>|} replaced by {@code _}. */
    static String torchFileName(String tensor) {
        return tensor.replaceAll("[\\\\/:?\"<>|]", "_");
    }
}
