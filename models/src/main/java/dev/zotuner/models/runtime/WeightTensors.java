package dev.zotuner.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trainable weights as ONNX Runtime tensors, wrapped once around the {@link ParameterStore}'s
 * direct native-order slices and fed on every run. ORT reads those buffers in place, so an edit to a
 * parameter is seen by the next run with no copy. Creation checks that ORT did not take a copy.
 *
 * <p>Owns the tensor handles (not the buffers, which stay the store's); close before the session.
 */
public final class WeightTensors implements AutoCloseable {

    private final Map<String, OnnxTensor> byName;

    private WeightTensors(Map<String, OnnxTensor> byName) {
        this.byName = Collections.unmodifiableMap(byName);
    }

    /** Wraps every parameter of {@code store}. */
    public static WeightTensors wrap(ParameterStore store) {
        Map<String, OnnxTensor> tensors = new LinkedHashMap<>();
        try {
            for (Parameter p : store.parameters()) {
                OnnxTensor t = OnnxTensor.createTensor(OrtSessions.environment(), p.values(), p.shape());
                tensors.put(p.name(), t);
                if (t.ownsBuffer()) {
                    throw new IllegalStateException("ONNX Runtime copied tensor " + p.name()
                            + " instead of wrapping it; in-place edits would be lost");
                }
            }
        } catch (OrtException | RuntimeException e) {
            tensors.values().forEach(OnnxTensor::close);
            throw new ModelException("cannot wrap weights as ONNX Runtime tensors (" + ModelException.oneLine(e) + ")", e);
        }
        return new WeightTensors(tensors);
    }

    /** Tensors by graph input name, in store order. */
    public Map<String, OnnxTensor> byName() {
        return byName;
    }

    @Override
    public void close() {
        byName.values().forEach(OnnxTensor::close);
    }
}
