package dev.zotuner.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtSession;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tensors of one batch at a cut of a {@link StagedPass}: token inputs, and the activations earlier segments
 * produced that later ones read. Each level owns what it added (tensors, session results) and sees its parent's,
 * so a prefix computed once can feed several suffix runs (both probes of a MeZO-BCD step): close a child after
 * each run, the parent when the prefix is no longer valid. A parent must outlive its children.
 */
public final class Activations implements AutoCloseable {

    private final Activations parent;
    private final Map<String, OnnxTensor> tensors = new HashMap<>();
    private final List<AutoCloseable> owned = new ArrayList<>();

    private Activations(Activations parent) {
        this.parent = parent;
    }

    /** An empty root. */
    static Activations root() {
        return new Activations(null);
    }

    /** A level on top of this one. */
    Activations child() {
        return new Activations(this);
    }

    /** The tensor called {@code name} at this level or above, or null. */
    OnnxTensor get(String name) {
        OnnxTensor t = tensors.get(name);
        return t != null || parent == null ? t : parent.get(name);
    }

    /** Adds a tensor this level owns. */
    void own(String name, OnnxTensor tensor) {
        owned.add(tensor);
        tensors.put(name, tensor);
    }

    /** Adds the outputs of a session run; this level owns the result. */
    void own(OrtSession.Result result) {
        owned.add(result);
        for (Map.Entry<String, OnnxValue> e : result) {
            tensors.put(e.getKey(), (OnnxTensor) e.getValue());
        }
    }

    @Override
    public void close() {
        for (AutoCloseable c : owned) {
            try {
                c.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot release an ONNX Runtime value", e);
            }
        }
        owned.clear();
        tensors.clear();
    }
}
