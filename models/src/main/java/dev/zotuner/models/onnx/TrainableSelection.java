package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import dev.zotuner.models.ModelException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Chooses which initializers become trainable graph inputs.
 *
 * <p>Weights are FLOAT (float32) initializers of rank ≥ 1. Integer index tensors (INT32/INT64: shapes,
 * axes, position ids) and float scalars (epsilons, scales) are graph constants and never trainable. Without a
 * pattern every weight is trainable. A pattern is a Java regex searched for in {@code <block>/<tensor name>}
 * (e.g. {@code layer.3/onnx::MatMul_787}), so {@code ^(?!embeddings/)} freezes the embeddings and
 * {@code ^layer\.} trains the transformer layers only. A pattern that matches a weight of another type
 * (INT8, UINT8, FLOAT16, DOUBLE, ...) is an error, as is one that matches no weight. PEFT methods and top-K
 * first narrow the eligible weights ({@link TrainableSet}); the pattern then applies to those.
 */
public final class TrainableSelection {

    private TrainableSelection() {
    }

    /**
     * The trainable initializers, in graph order.
     *
     * @param initializers every initializer of the graph
     * @param blocks       block of each initializer (see {@link BlockNames})
     * @param pattern      regex or null for "every float weight"
     * @param modelFile    for messages
     */
    public static List<TensorProto> select(List<TensorProto> initializers, Map<String, String> blocks,
                                           String pattern, Path modelFile) {
        return select(initializers, blocks, pattern, t -> true, "FLOAT weight", modelFile);
    }

    /**
     * The trainable initializers among those {@code eligible} accepts (a PEFT method's weights, the top K layers),
     * in graph order. The pattern then narrows the eligible FLOAT weights; it is an error if it matches an eligible
     * weight of another type, or if nothing is left.
     *
     * @param eligible  which initializers may be trained at all
     * @param what      what an eligible weight is called in messages, singular ({@code "bias"},
     *                  {@code "LoRA adapter in the top 2 layers or rest"}); the plural adds {@code s} or {@code es}
     *                  before any {@code " in "}
     */
    public static List<TensorProto> select(List<TensorProto> initializers, Map<String, String> blocks,
                                           String pattern, Predicate<TensorProto> eligible, String what,
                                           Path modelFile) {
        Pattern regex = compile(pattern);
        List<TensorProto> chosen = new ArrayList<>();
        for (TensorProto t : initializers) {
            String qualified = blocks.get(t.getName()) + "/" + t.getName();
            if (regex != null && !regex.matcher(qualified).find() || !eligible.test(t)) {
                continue;
            }
            if (isFloatWeight(t)) {
                chosen.add(t);
            } else if (regex != null && !isConstant(t)) {
                throw new ModelException("tensor " + t.getName() + " in " + modelFile + " matched by --trainable '"
                        + pattern + "' is " + TensorData.typeName(t.getDataType())
                        + "; only FLOAT (float32) weights can be trained");
            }
        }
        if (chosen.isEmpty()) {
            throw new ModelException(pattern == null
                    ? modelFile + ": no " + plural(what) + " to train"
                    : "--trainable '" + pattern + "' matches no " + what
                            + (what.contains(" in ") ? " of " : " in ") + modelFile
                            + " (names look like '" + example(initializers, blocks, eligible) + "')");
        }
        return List.copyOf(chosen);
    }

    /** FLOAT initializer of rank ≥ 1. */
    static boolean isFloatWeight(TensorProto t) {
        return t.getDataType() == DataType.FLOAT_VALUE && t.getDimsCount() > 0;
    }

    /** Index tensors and scalars: constants of the graph, not weights. */
    static boolean isConstant(TensorProto t) {
        int type = t.getDataType();
        return type == DataType.INT64_VALUE || type == DataType.INT32_VALUE || type == DataType.BOOL_VALUE
                || t.getDimsCount() == 0;
    }

    private static Pattern compile(String pattern) {
        if (pattern == null) {
            return null;
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new ModelException("--trainable '" + pattern + "': invalid regex (" + e.getDescription() + ")", e);
        }
    }

    /** {@code FLOAT weight in x} → {@code FLOAT weights in x}. */
    private static String plural(String what) {
        int cut = what.indexOf(" in ") < 0 ? what.length() : what.indexOf(" in ");
        return what.substring(0, cut) + (what.substring(0, cut).endsWith("s") ? "es" : "s") + what.substring(cut);
    }

    private static String example(List<TensorProto> initializers, Map<String, String> blocks,
                                  Predicate<TensorProto> eligible) {
        String any = "<none>";
        for (TensorProto t : initializers) {
            if (isFloatWeight(t) && eligible.test(t)) {
                return blocks.get(t.getName()) + "/" + t.getName();
            }
            if (isFloatWeight(t) && any.equals("<none>")) {
                any = blocks.get(t.getName()) + "/" + t.getName();
            }
        }
        return any;
    }
}
