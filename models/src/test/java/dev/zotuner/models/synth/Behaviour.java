package dev.zotuner.models.synth;

import static dev.zotuner.models.synth.GraphRunner.in;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a generated language model must do, checked through ONNX Runtime: logits of real tokens do not depend on
 * padding after them, and (for decoders) not on later tokens.
 */
final class Behaviour {

    private final GraphRunner runner;
    private final List<String> inputs;
    private final int vocab;
    private final long pad;

    Behaviour(ModelShape shape, Path dir, long pad) throws Exception {
        GraphBuilder.Built graph = ModelGenerator.graph(shape);
        this.runner = new GraphRunner(graph, dir);
        this.inputs = graph.graph().getInputList().stream().map(i -> i.getName()).toList();
        this.vocab = shape.vocab();
        this.pad = pad;
    }

    /** Logits {@code [rows, seq, vocab]} flattened, for rows of ids whose tokens from {@code real[row]} on are padding. */
    float[] logits(long[][] ids, int[] real) throws Exception {
        long[] positions = new long[ids[0].length];
        Arrays.setAll(positions, i -> i);
        return logits(ids, real, positions);
    }

    /** The same with {@code position_ids} (where the graph takes them) {@code positions} in every row. */
    float[] logits(long[][] ids, int[] real, long[] rowPositions) throws Exception {
        int rows = ids.length;
        int seq = ids[0].length;
        long[] flat = new long[rows * seq];
        long[] mask = new long[rows * seq];
        long[] positions = new long[rows * seq];
        long[] types = new long[rows * seq];
        for (int r = 0; r < rows; r++) {
            for (int s = 0; s < seq; s++) {
                boolean isReal = s < real[r];
                flat[r * seq + s] = isReal ? ids[r][s] : pad;
                mask[r * seq + s] = isReal ? 1 : 0;
                positions[r * seq + s] = rowPositions[s];
            }
        }
        Map<String, Object[]> feed = new HashMap<>();
        for (String name : inputs) {
            long[] v = switch (name) {
                case "input_ids" -> flat;
                case "attention_mask" -> mask;
                case "position_ids" -> positions;
                default -> types;
            };
            feed.put(name, in(v, rows, seq));
        }
        return runner.run("logits", feed);
    }

    /** The logits of one position of one row. */
    float[] at(float[] logits, int seq, int row, int position) {
        float[] out = new float[vocab];
        System.arraycopy(logits, (row * seq + position) * vocab, out, 0, vocab);
        return out;
    }

    void close() throws Exception {
        runner.close();
    }
}
