package dev.zotuner.models.synth;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.zotuner.models.runtime.OrtSessions;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs a built graph in ONNX Runtime (inline, weights from seed 1): the tests' window on what a graph computes. */
final class GraphRunner implements AutoCloseable {

    private final OrtEnvironment env = OrtSessions.environment();
    private final OrtSession session;

    GraphRunner(GraphBuilder.Built graph, Path dir) throws IOException, OrtException {
        new ModelFileWriter(new SyntheticValues(1), GeneratorProgress.NONE).write(dir, graph, ExportLayout.INLINE, "test");
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            session = env.createSession(dir.resolve("model.onnx").toString(), options);
        }
    }

    /** The named output (as a flat float array) for FLOAT and INT64 inputs given as {@code float[]}/{@code long[]} with shapes. */
    float[] run(String output, Map<String, Object[]> inputs) throws OrtException {
        Map<String, OnnxTensor> tensors = new HashMap<>();
        try {
            for (Map.Entry<String, Object[]> e : inputs.entrySet()) {
                long[] shape = (long[]) e.getValue()[1];
                tensors.put(e.getKey(), e.getValue()[0] instanceof float[] f
                        ? OnnxTensor.createTensor(env, FloatBuffer.wrap(f), shape)
                        : OnnxTensor.createTensor(env, LongBuffer.wrap((long[]) e.getValue()[0]), shape));
            }
            try (OrtSession.Result r = session.run(tensors)) {
                OnnxTensor t = (OnnxTensor) r.get(output).orElseThrow();
                FloatBuffer b = t.getFloatBuffer();
                float[] out = new float[b.remaining()];
                b.get(out);
                return out;
            }
        } finally {
            tensors.values().forEach(OnnxTensor::close);
        }
    }

    /** An input entry: values and shape. */
    static Object[] in(Object values, long... shape) {
        return new Object[] {values, shape};
    }

    @Override
    public void close() throws OrtException {
        session.close();
    }
}
