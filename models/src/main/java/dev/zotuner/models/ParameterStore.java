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
 * The trainable weights θ of a model, held in native memory as a few large direct, native-order buffers
 * (chunks of at most {@link Builder#chunkBytes} bytes each; a tensor never straddles two).
 *
 * <p>Each {@link Parameter} is a slice of one chunk, so a forward pass that wraps the slices once as ONNX Runtime
 * tensors sees every in-place edit without a copy. Elements also have one global index, {@code p.offset() + i}, the
 * position element i of tensor p would have if θ were one flat vector; it does not depend on the chunk size, so noise,
 * snapshots and optimizer state address θ the same way however it is split. Zeroth-order optimizers address θ per
 * tensor ({@link #parameters()}), per block ({@link #blocks()}), or by global index ({@link #get(long)}).
 *
 * <p>The store owns its chunks; they live as long as the store is reachable. Tensor order and block order are the
 * order in which tensors were added.
 */
public final class ParameterStore {

    private final List<Parameter> parameters;
    private final Map<String, Parameter> byName;
    private final List<ParameterBlock> blocks;
    private final long[] offsets;
    private final long size;
    private final int chunks;

    private ParameterStore(List<Parameter> parameters, long size, int chunks) {
        this.parameters = List.copyOf(parameters);
        this.size = size;
        this.chunks = chunks;
        Map<String, Parameter> names = new LinkedHashMap<>();
        Map<String, List<Parameter>> groups = new LinkedHashMap<>();
        this.offsets = new long[parameters.size()];
        for (Parameter p : parameters) {
            names.put(p.name(), p);
            groups.computeIfAbsent(p.block(), b -> new ArrayList<>()).add(p);
            offsets[p.index()] = p.offset();
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
        return size;
    }

    /** Number of native buffers θ is held in. */
    public int chunks() {
        return chunks;
    }

    /** The tensor holding global element {@code index}. */
    public Parameter at(long index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("element " + index + " of a store of " + size);
        }
        int k = java.util.Arrays.binarySearch(offsets, index);
        if (k < 0) {
            k = -k - 2;
        }
        while (parameters.get(k).size() == 0) {   // empty tensors share their successor's offset
            k++;
        }
        return parameters.get(k);
    }

    /** Global element {@code index} (one element at a time: for tests and small analytic problems). */
    public float get(long index) {
        Parameter p = at(index);
        return p.values().get((int) (index - p.offset()));
    }

    /** Sets global element {@code index}. */
    public void set(long index, float value) {
        Parameter p = at(index);
        p.values().put((int) (index - p.offset()), value);
    }

    /** A heap copy of θ in global order (for snapshots and exact restores of stores that fit one Java array). */
    public float[] snapshot() {
        return snapshot(new float[arrayLength()]);
    }

    /** Copies θ into {@code out} (a buffer reused across snapshots) and returns it. */
    public float[] snapshot(float[] out) {
        if (out.length != size) {
            throw new IllegalArgumentException("snapshot buffer has " + out.length + " values, store has " + size);
        }
        for (Parameter p : parameters) {
            p.values().get(0, out, (int) p.offset(), p.size());
        }
        return out;
    }

    /** Overwrites θ with a snapshot taken from this store. */
    public void restore(float[] snapshot) {
        if (snapshot.length != size) {
            throw new IllegalArgumentException("snapshot has " + snapshot.length + " values, store has " + size);
        }
        for (Parameter p : parameters) {
            p.values().put(0, snapshot, (int) p.offset(), p.size());
        }
    }

    private int arrayLength() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("θ has " + size + " values, more than one Java array holds");
        }
        return (int) size;
    }

    /** Starts a store; tensors are laid out in the order they are added. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects tensors, then allocates the chunks once. */
    public static final class Builder {
        /** The default chunk: 1 GiB, well below the 2 GiB a direct buffer can hold. */
        public static final long DEFAULT_CHUNK_BYTES = 1L << 30;
        /** The largest chunk (and so the largest tensor) a direct buffer can hold, less alignment slack. */
        public static final long MAX_CHUNK_BYTES = Integer.MAX_VALUE - 128L;
        private static final int ALIGNMENT = 64;

        private record Spec(String name, long[] shape, String block, boolean decays, float[] init, long count) { }

        private final List<Spec> specs = new ArrayList<>();
        private long total;
        private long chunkBytes = DEFAULT_CHUNK_BYTES;

        /**
         * Sets the chunk size: consecutive tensors share a buffer of at most this many bytes; a larger tensor gets a
         * buffer of its own. Only the layout in memory changes, never θ's values or global indices.
         */
        public Builder chunkBytes(long bytes) {
            if (bytes < Float.BYTES || bytes > MAX_CHUNK_BYTES) {
                throw new IllegalArgumentException("chunk size " + bytes + " outside " + Float.BYTES + ".." + MAX_CHUNK_BYTES);
            }
            this.chunkBytes = bytes;
            return this;
        }

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
            if (n * Float.BYTES > MAX_CHUNK_BYTES) {
                throw new IllegalArgumentException("tensor " + name + ": " + n + " values exceed one 2 GiB buffer");
            }
            if (init != null && init.length != n) {
                throw new IllegalArgumentException("tensor " + name + ": " + init.length + " values for " + n + " elements");
            }
            specs.add(new Spec(name, shape.clone(), block, decays, init, n));
            total += n;
            return this;
        }

        /** Adds a tensor whose block and decay flag are derived from its name and rank. */
        public Builder add(String name, long[] shape, Function<String, String> blockOf, float[] init) {
            return add(name, shape, blockOf.apply(name), shape.length > 1, init);
        }

        public ParameterStore build() {
            int n = specs.size();
            int[] chunkOf = new int[n];
            long[] position = new long[n];
            List<Long> sizes = new ArrayList<>();
            long open = 0;
            for (int i = 0; i < n; i++) {
                long bytes = specs.get(i).count * Float.BYTES;
                if (sizes.isEmpty() || (open > 0 && open + bytes > chunkBytes)) {
                    sizes.add(0L);
                    open = 0;
                }
                chunkOf[i] = sizes.size() - 1;
                position[i] = open;
                open += bytes;
                sizes.set(sizes.size() - 1, open);
            }
            List<ByteBuffer> chunks = new ArrayList<>(sizes.size());
            for (long bytes : sizes) {
                chunks.add(allocate(bytes));
            }
            List<Parameter> params = new ArrayList<>(n);
            long offset = 0;
            for (int i = 0; i < n; i++) {
                Spec s = specs.get(i);
                int from = (int) position[i];
                FloatBuffer view = chunks.get(chunkOf[i]).duplicate().position(from)
                        .limit(from + (int) (s.count * Float.BYTES)).slice().order(ByteOrder.nativeOrder()).asFloatBuffer();
                if (s.init != null) {
                    view.duplicate().put(s.init);
                }
                params.add(new Parameter(i, s.name, s.shape, offset, s.block, s.decays, view));
                offset += s.count;
            }
            return new ParameterStore(params, total, chunks.size());
        }

        /** A zeroed, 64-byte (cache line) aligned native-order buffer: SIMD loads of a tensor do not straddle lines. */
        private static ByteBuffer allocate(long bytes) {
            int size = (int) bytes;
            try {
                return ByteBuffer.allocateDirect(size + 2 * ALIGNMENT).alignedSlice(ALIGNMENT).limit(size).slice()
                        .order(ByteOrder.nativeOrder());
            } catch (OutOfMemoryError e) {
                throw new IllegalStateException("cannot allocate " + (bytes >> 20) + " MiB more for θ ("
                        + ModelException.oneLine(e) + "); raise -XX:MaxDirectMemorySize", e);
            }
        }
    }
}
