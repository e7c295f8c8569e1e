package dev.zotuner.models.runtime;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The activations at the cut after a frozen prefix of stages, kept per example: when no trainable weight is read
 * before segment {@code c}, what segments {@code < c} compute for a text never changes, so it is computed once and
 * every later pass runs the suffix only.
 *
 * <p>A row is keyed by its token ids and type ids. Each cut tensor must be FLOAT {@code [batch, seq, ...]}; a row
 * keeps its real positions and is re-batched with zeros at padded positions (attention never reads them, and heads
 * read real positions only). Rows missing from the cache are computed together in one sub-batch, in the order
 * they appear; rows beyond the byte budget are computed each time they are needed and not kept.
 *
 * <p>Heap memory, owned by the cache. Not thread-safe.
 */
public final class PrefixCache {

    /**
     * What the cache holds and did.
     *
     * @param rows     examples cached
     * @param bytes    bytes of cached activations
     * @param budget   the byte bound
     * @param hits     rows served from the cache
     * @param computed rows whose prefix was computed
     * @param uncached rows computed but not kept (over budget)
     */
    public record Stats(long rows, long bytes, long budget, long hits, long computed, long uncached) {

        public double mib() {
            return bytes / (1024.0 * 1024.0);
        }
    }

    private record RowKey(long[] ids, long[] types) {
        @Override
        public boolean equals(Object o) {
            return o instanceof RowKey k && Arrays.equals(ids, k.ids) && Arrays.equals(types, k.types);
        }

        @Override
        public int hashCode() {
            return 31 * Arrays.hashCode(ids) + Arrays.hashCode(types);
        }
    }

    private final StagedPass pass;
    private final int segment;
    private final List<String> tensors;
    private final long budget;
    private final Map<RowKey, float[][]> rows = new HashMap<>();
    private final Map<String, long[]> tails = new LinkedHashMap<>();
    private long bytes;
    private long hits;
    private long computed;
    private long uncached;

    /**
     * @param segment the first segment of the suffix; segments before it must read no trainable weight
     * @param budget  bytes of activations to keep at most
     */
    public PrefixCache(StagedPass pass, int segment, long budget) {
        if (segment < 1 || segment >= pass.segments()) {
            throw new IllegalArgumentException("prefix cache: segment " + segment + " of " + pass.segments());
        }
        this.pass = pass;
        this.segment = segment;
        this.tensors = List.copyOf(pass.cutBefore(segment));
        this.budget = budget;
    }

    /** The segment the suffix starts at. */
    public int segment() {
        return segment;
    }

    public Stats stats() {
        return new Stats(rows.size(), bytes, budget, hits, computed, uncached);
    }

    /** Computes and keeps the prefix of every row of {@code batch} not cached yet (in one sub-batch). */
    public void fill(TokenBatch batch) {
        lookUp(batch);
    }

    /**
     * A level on {@code root} (the batch's token inputs) holding the cut tensors for {@code batch}, ready for
     * {@link StagedPass#advance} or {@link StagedPass#finish} from {@link #segment()}; the caller closes it.
     */
    public Activations assemble(TokenBatch batch, Activations root) {
        float[][][] values = lookUp(batch);
        Activations level = root.child();
        try {
            for (int t = 0; t < tensors.size(); t++) {
                level.own(tensors.get(t), batched(batch, values, t, tails.get(tensors.get(t))));
            }
        } catch (OrtException | RuntimeException e) {
            level.close();
            throw new ModelException("cannot re-batch cached activations (" + ModelException.oneLine(e) + ")", e);
        }
        return level;
    }

    /** Per row, per cut tensor: the row's values (computing the missing rows first). */
    private float[][][] lookUp(TokenBatch batch) {
        float[][][] out = new float[batch.size()][][];
        List<Integer> missing = new ArrayList<>();
        RowKey[] keys = new RowKey[batch.size()];
        long[] ids = batch.ids();
        long[] types = batch.typeIds();
        for (int r = 0; r < batch.size(); r++) {
            int from = r * batch.length();
            int to = from + batch.length(r);
            keys[r] = new RowKey(Arrays.copyOfRange(ids, from, to), Arrays.copyOfRange(types, from, to));
            out[r] = rows.get(keys[r]);
            if (out[r] == null) {
                missing.add(r);
            } else {
                hits++;
            }
        }
        if (missing.isEmpty()) {
            return out;
        }
        Map<RowKey, Integer> unique = new LinkedHashMap<>();   // a text twice in one batch is computed once
        for (int r : missing) {
            unique.putIfAbsent(keys[r], r);
        }
        int[] sub = unique.values().stream().mapToInt(Integer::intValue).toArray();
        float[][][] values = compute(batch.select(sub));
        Map<RowKey, float[][]> fresh = new HashMap<>();
        for (int j = 0; j < sub.length; j++) {
            RowKey key = keys[sub[j]];
            fresh.put(key, values[j]);
            long size = 0;
            for (float[] v : values[j]) {
                size += 4L * v.length;
            }
            if (bytes + size <= budget) {
                rows.put(key, values[j]);
                bytes += size;
            } else {
                uncached++;
            }
        }
        for (int r : missing) {
            out[r] = fresh.get(keys[r]);
        }
        computed += sub.length;
        return out;
    }

    /** Runs the prefix on {@code part} and splits its cut tensors into rows of real positions. */
    private float[][][] compute(TokenBatch part) {
        float[][][] out = new float[part.size()][tensors.size()][];
        try (Activations root = pass.tokens(part); Activations cut = pass.advance(root, 0, segment)) {
            for (int t = 0; t < tensors.size(); t++) {
                String name = tensors.get(t);
                OnnxTensor tensor = cut.get(name);
                long[] shape = tensor.getInfo().getShape();
                if (tensor.getInfo().type != ai.onnxruntime.OnnxJavaType.FLOAT || shape.length < 2
                        || shape[0] != part.size() || shape[1] != part.length()) {
                    throw new ModelException("cut tensor " + name + " is " + tensor.getInfo().type + " "
                            + Arrays.toString(shape) + ", not FLOAT [batch, seq, ...]: it cannot be cached per example (run with --cache-mib 0)");
                }
                long[] tail = Arrays.copyOfRange(shape, 2, shape.length);
                long[] known = tails.putIfAbsent(name, tail);
                if (known != null && !Arrays.equals(known, tail)) {
                    throw new ModelException("cut tensor " + name + " changed shape: " + Arrays.toString(tail)
                            + " after " + Arrays.toString(known));
                }
                int step = Math.toIntExact(count(tail));
                FloatBuffer data = tensor.getFloatBuffer();
                for (int j = 0; j < part.size(); j++) {
                    float[] row = new float[part.length(j) * step];
                    data.get(j * part.length() * step, row, 0, row.length);
                    out[j][t] = row;
                }
            }
        }
        return out;
    }

    private static OnnxTensor batched(TokenBatch batch, float[][][] values, int t, long[] tail) throws OrtException {
        int step = Math.toIntExact(count(tail));
        int n = Math.multiplyExact(batch.size() * batch.length(), step);
        // A heap array that ONNX Runtime copies into memory of its own, freed when the tensor closes: a direct buffer a
        // batch would be freed only when the collector runs, and piled up between collections.
        FloatBuffer buffer = FloatBuffer.allocate(n);
        for (int r = 0; r < batch.size(); r++) {
            buffer.put(r * batch.length() * step, values[r][t]);
        }
        long[] shape = new long[tail.length + 2];
        shape[0] = batch.size();
        shape[1] = batch.length();
        System.arraycopy(tail, 0, shape, 2, tail.length);
        return OnnxTensor.createTensor(OrtSessions.environment(), buffer, shape);
    }

    private static long count(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    /** Names of the cut tensors kept per row. */
    public List<String> tensors() {
        return tensors;
    }
}
