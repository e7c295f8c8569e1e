package dev.zotuner.models.onnx;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.NodeProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import com.google.protobuf.ByteString;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.Peft;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The LoRA graph rewrite (Hu et al. 2022, "LoRA: Low-Rank Adaptation of Large Language Models"): every
 * {@code MatMul(x, W)} whose W is a FLOAT rank-2 initializer [in, out] and whose module path matches
 * {@link Peft#targets()} becomes
 * <pre>
 *   base   = MatMul(x, W)                      (the original node, output renamed)
 *   y      = Add(base, Mul(MatMul(MatMul(x, A), B), α/r))
 * </pre>
 * with new FLOAT initializers {@code <module>.lora_A} [in, r], {@code <module>.lora_B} [r, out] (MatMul layout: the
 * transposes of PEFT's {@code lora_A.weight} / {@code lora_B.weight}) and the scalar {@code <module>.lora_scaling}.
 * A starts as PyTorch's {@code kaiming_uniform_(a=√5)}, i.e. Uniform(−1/√in, 1/√in), as PEFT does, from a
 * SplitMix64 counter hash of (seed, A's name, index); B starts at zero, so the adapted model equals the original.
 *
 * <p>The module path is the node name without the leading {@code /} and its last component, dots for slashes
 * ({@code /encoder/layer.0/attention/self/query/MatMul} → {@code encoder.layer.0.attention.self.query}); an
 * unnamed node takes W's name without {@code .weight}. New nodes are named inside the original node's scope
 * ({@code /encoder/layer.0/attention/self/query/lora_A/MatMul}), so they belong to W's block.
 */
public final class LoraAdapters {

    /** Bump when the rewrite changes; part of the weights-as-inputs cache key. */
    private static final String FORMAT = "lora/1";
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    /**
     * The rewritten model and its adapters.
     *
     * @param file     the rewritten model, with the original's path (external data resolves as before) and hash
     * @param adapters one per adapted MatMul, in graph order
     */
    public record Result(OnnxFile file, List<LoraAdapter> adapters) {
        public Result {
            adapters = List.copyOf(adapters);
        }
    }

    private LoraAdapters() {
    }

    /**
     * Adds adapters to the matching MatMuls whose weight {@code eligible} accepts.
     *
     * @param eligible    which weights (by name) may take an adapter, e.g. those in the top K layers
     * @param restriction what {@code eligible} means, for the message when it rejects every match
     *                    ({@code " in the top 2 layers or rest"}, or empty)
     */
    public static Result apply(OnnxFile file, Peft peft, Predicate<String> eligible, String restriction) {
        Pattern targets = compile(peft.targets());
        GraphProto graph = file.proto().getGraph();
        Map<String, TensorProto> initializers = new HashMap<>();
        graph.getInitializerList().forEach(t -> initializers.put(t.getName(), t));
        Map<String, Integer> readers = new HashMap<>();
        Set<String> taken = new HashSet<>(initializers.keySet());
        for (NodeProto node : graph.getNodeList()) {
            node.getInputList().forEach(in -> readers.merge(in, 1, Integer::sum));
            taken.addAll(node.getOutputList());
        }
        GraphProto.Builder g = graph.toBuilder().clearNode();
        List<LoraAdapter> adapters = new ArrayList<>();
        String example = null;
        boolean matched = false;
        for (NodeProto node : graph.getNodeList()) {
            TensorProto w = weightOf(node, initializers);
            String module = w == null ? null : modulePath(node, w.getName());
            if (module != null && example == null) {
                example = module;
            }
            if (module == null || !targets.matcher(module).find()) {
                g.addNode(node);
                continue;
            }
            matched = true;
            if (!eligible.test(w.getName())) {
                g.addNode(node);
                continue;
            }
            if (readers.get(w.getName()) > 1) {
                throw new ModelException("--lora-targets '" + peft.targets() + "': weight " + w.getName() + " of "
                        + module + " in " + file.path() + " is read by " + readers.get(w.getName())
                        + " nodes; a shared weight cannot take an adapter");
            }
            String unique = module;
            for (int k = 1; taken.contains(unique + ".lora_A") || taken.contains(unique + ".lora_B"); k++) {
                unique = module + "_" + k;
            }
            String suffix = unique.substring(module.length());
            LoraAdapter a = new LoraAdapter(unique, w.getName(), unique + ".lora_A", unique + ".lora_B",
                    Math.toIntExact(w.getDims(0)), Math.toIntExact(w.getDims(1)), peft.rank(), peft.scaling(),
                    peft.seed());
            taken.addAll(List.of(a.a(), a.b(), unique + ".lora_scaling"));
            addAdapter(g, node, a, scope(node, module) + "/lora", suffix);
            adapters.add(a);
        }
        if (!matched) {
            throw new ModelException("--lora-targets '" + peft.targets() + "' matches no MatMul weight in " + file.path()
                    + " (module paths look like '" + (example == null ? "<no MatMul with a weight>" : example) + "')");
        }
        if (adapters.isEmpty()) {
            throw new ModelException("--lora-targets '" + peft.targets() + "' matches no MatMul weight" + restriction
                    + " of " + file.path());
        }
        ModelProto model = file.proto().toBuilder().setGraph(g).build();
        return new Result(new OnnxFile(file.path(), model, file.sha256()), adapters);
    }

    /** What makes two rewrites differ besides the trainable names: format, rank, α and targets (not the seed). */
    public static String cacheVariant(Peft peft) {
        return FORMAT + " r=" + peft.rank() + " alpha=" + peft.alpha() + " targets=" + peft.targets();
    }

    /** Module path of a MatMul node (see the class comment). */
    static String modulePath(NodeProto node, String weight) {
        String name = node.getName().startsWith("/") ? node.getName().substring(1) : node.getName();
        int slash = name.lastIndexOf('/');
        if (slash > 0) {
            return name.substring(0, slash).replace('/', '.');
        }
        return weight.endsWith(".weight") ? weight.substring(0, weight.length() - ".weight".length()) : weight;
    }

    /**
     * A's initial values, row-major [in, r]: Uniform(−1/√in, 1/√in), element i from a SplitMix64 counter hash of
     * (seed, FNV-1a of {@code name}, i), so each adapter's values are independent of the others and of graph order.
     */
    public static float[] initialA(String name, int in, int rank, long seed) {
        double bound = 1 / Math.sqrt(in);
        long key = mix(seed ^ mix(fnv1a(name)));
        float[] a = new float[Math.multiplyExact(in, rank)];
        for (int i = 0; i < a.length; i++) {
            double u = (mix(key + (i + 1L) * GOLDEN) >>> 11) * 0x1.0p-53;
            a[i] = (float) ((2 * u - 1) * bound);
        }
        return a;
    }

    private static void addAdapter(GraphProto.Builder g, NodeProto node, LoraAdapter a, String prefix, String suffix) {
        String x = node.getInput(0);
        String y = node.getOutput(0);
        String base = prefix + "_base" + suffix + "/MatMul_output_0";
        String xa = prefix + "_A" + suffix + "/MatMul_output_0";
        String xab = prefix + "_B" + suffix + "/MatMul_output_0";
        String scaled = prefix + "_scaling" + suffix + "/Mul_output_0";
        String scaling = a.module() + ".lora_scaling";
        g.addNode(node.toBuilder().setOutput(0, base));
        g.addNode(op("MatMul", prefix + "_A" + suffix + "/MatMul", xa, x, a.a()));
        g.addNode(op("MatMul", prefix + "_B" + suffix + "/MatMul", xab, xa, a.b()));
        g.addNode(op("Mul", prefix + "_scaling" + suffix + "/Mul", scaled, xab, scaling));
        g.addNode(op("Add", prefix + "_add" + suffix + "/Add", y, base, scaled));
        g.addInitializer(floats(a.a(), a.initialA(), a.in(), a.rank()));
        g.addInitializer(floats(a.b(), new float[a.rank() * a.out()], a.rank(), a.out()));
        g.addInitializer(floats(scaling, new float[] {a.graphScaling()}));
    }

    /** The original node's scope ({@code /a/b} of {@code /a/b/MatMul}), or the module path for an unnamed node. */
    private static String scope(NodeProto node, String module) {
        int slash = node.getName().lastIndexOf('/');
        return slash > 0 ? node.getName().substring(0, slash) : node.getName().isEmpty() ? module : node.getName();
    }

    /** W of {@code MatMul(x, W)} if it is a FLOAT rank-2 initializer, else null. */
    private static TensorProto weightOf(NodeProto node, Map<String, TensorProto> initializers) {
        if (!node.getOpType().equals("MatMul") || !node.getDomain().isEmpty() || node.getInputCount() != 2) {
            return null;
        }
        TensorProto w = initializers.get(node.getInput(1));
        return w != null && w.getDataType() == TensorProto.DataType.FLOAT_VALUE && w.getDimsCount() == 2 ? w : null;
    }

    private static NodeProto op(String type, String name, String output, String... inputs) {
        return NodeProto.newBuilder().setOpType(type).setName(name).addAllInput(List.of(inputs)).addOutput(output).build();
    }

    private static TensorProto floats(String name, float[] values, long... dims) {
        ByteBuffer bytes = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        bytes.asFloatBuffer().put(values);
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.FLOAT_VALUE)
                .setRawData(ByteString.copyFrom(bytes.array()));
        for (long d : dims) {
            t.addDims(d);
        }
        return t.build();
    }

    private static Pattern compile(String regex) {
        try {
            return Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new ModelException("--lora-targets '" + regex + "': invalid regex (" + e.getDescription() + ")", e);
        }
    }

    private static long fnv1a(String s) {
        long h = 0xcbf29ce484222325L;
        for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
            h = (h ^ (b & 0xff)) * 0x100000001b3L;
        }
        return h;
    }

    /** The SplitMix64 finaliser (Steele, Lea and Flood 2014). */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
