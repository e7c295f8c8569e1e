package dev.zotuner.models;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The trainable weights θ of a model, held in Java memory as one flat, native-order, direct buffer.
 *
 * <p>Each {@link Parameter} is a slice of that buffer, so a forward pass that wraps the slices once as
 * ONNX Runtime tensors sees every in-place edit without a copy. Zeroth-order optimizers address θ
 * either per tensor ({@link #parameters()}), per block ({@link #blocks()}), or flat ({@link #flat()}).
 *
 * <p>The store owns its buffer; it lives as long as the store is reachable. Tensor order and block
 * order are the order in which tensors were added.
 */
public final class ParameterStore {

    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName;
    private final List<ParameterBlock> blocks;
    private final FloatBuffer flat;

    private ParameterStore(List<Parameter> parameters, FloatBuffer flat) {
        this.parameters = List.copyOf(parameters);
        this.flat = flat;
        Map<String, Parameter> names = new LinkedHashMap<>();
        Map<String, List<Parameter>> groups = new LinkedHashMap<>();
        for (Parameter p : parameters) {
            names.put(p.name(), p);
            groups.computeIfAbsent(p.block(), b -> new ArrayList<>()).add(p);
        }
        this.byName = Collections.unmodifiableMap(names);
        List<ParameterBlock> bs = new ArrayList<>();
        groups.forEach((name, members) -> bs.add(new ParameterBlock(name, members)));
        this.blocks = List.copyOf(bs);
    }

    /** All trainable tensors in store order. */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** The tensor with this name. */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no trainable tensor named '" + name + "'");
        }
        return p;
    }

    /** Whether a tensor with this name is trainable. */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /** Blocks in order of first appearance. */
    public List<ParameterBlock> blocks() {
        return blocks;
    }

    /** Total number of trainable elements. */
    public long size() {
        return flat.capacity();
    }

    /** The whole of θ as one flat view (absolute indexing; shares memory with every parameter). */
    public FloatBuffer flat() {
        return flat.duplicate();
    }

    /** A heap copy of θ (for snapshots and exact restores). */
    public float[] snapshot() {
        return snapshot(new float[flat.capacity()]);
    }

    /** Copies θ into {@code out} (a buffer reused across snapshots) and returns it. */
    public float[] snapshot(float[] out) {
        if (out.length != flat.capacity()) {
            throw new IllegalArgumentException("snapshot buffer has " + out.length + " values, store has " + flat.capacity());
        }
        flat.duplicate().clear().get(out);
        return out;
    }

    /** Overwrites θ with a snapshot taken from this store. */
    public void restore(float[] snapshot) {
        if (snapshot.length != flat.capacity()) {
            throw new IllegalArgumentException("snapshot has " + snapshot.length + " values, store has " + flat.capacity());
        }
        flat.duplicate().clear().put(snapshot);
    }

    /** Starts a store; tensors are laid out in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects tensors, then allocates the flat buffer once. */
    public static final class Builder {
        private static final int ALIGNMENT = 64;
        private record Spec(String name, long[] shape, String block, boolean decays, float[] init) { }

        private final List<Spec> specs = new ArrayList<>();
        private long total;

        /**
         * Adds a tensor.
         *
         * @param init initial values (copied), or null for zeros
         */
        public Builder add(String name, long[] shape, String block, boolean decays, float[] init) {
            long n = 1;
            for (long d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("tensor " + name + ": dynamic dim in weight shape");
                }
                n = Math.multiplyExact(n, d);
            }
            if (init != null && init.length != n) {
                throw new IllegalArgumentException("tensor " + name + ": " + init.length + " values for " + n + " elements");
            }
            specs.add(new Spec(name, shape.clone(), block, decays, init));
            total += n;
            return this;
        }

        /** Adds a tensor whose block and decay flag are derived from its name and rank. */
        public Builder add(String name, long[] shape, Function<String, String> blockOf, float[] init) {
            return add(name, shape, blockOf.apply(name), shape.length > 1, init);
        }

        public ParameterStore build() {
            if (total > Integer.MAX_VALUE / Float.BYTES) {
                throw new IllegalArgumentException(total + " trainable values exceed one 2 GiB buffer");
            }
            // 64-byte (cache line) aligned base: SIMD loads of whole tensors do not straddle cache lines.
            int size = (int) total * Float.BYTES;
            ByteBuffer bytes = ByteBuffer.allocateDirect(size + 2 * ALIGNMENT).alignedSlice(ALIGNMENT)
                    .limit(size).slice().order(ByteOrder.nativeOrder());
            FloatBuffer flat = bytes.asFloatBuffer();
            List<Parameter> params = new ArrayList<>(specs.size());
            int offset = 0;
            for (Spec s : specs) {
                int n = (int) count(s.shape);
                ByteBuffer slice = bytes.duplicate().position(offset * Float.BYTES).limit((offset + n) * Float.BYTES)
                        .slice().order(ByteOrder.nativeOrder());
                FloatBuffer view = slice.asFloatBuffer();
                if (s.init != null) {
                    view.duplicate().put(s.init);
                }
                params.add(new Parameter(params.size(), s.name, s.shape, offset, s.block, s.decays, view));
                offset += n;
            }
            return new ParameterStore(params, flat);
        }

        private static long count(long[] shape) {
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            return n;
        }
    }
}
