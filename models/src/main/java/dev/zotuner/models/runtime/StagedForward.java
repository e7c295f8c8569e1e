package dev.zotuner.models.runtime;

import dev.zotuner.models.Execution;
import dev.zotuner.models.Hold;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ReadPositions;
import dev.zotuner.models.onnx.GraphStages;
import dev.zotuner.models.onnx.OnnxFile;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * A {@link Forward} over a {@link StagedPass} that skips what cannot have changed: the frozen prefix (from a
 * {@link PrefixCache}, per example, for the whole run) and, inside a {@link #hold}, the segments before the first
 * one reading a changing tensor (per batch, for the hold's lifetime: both probes of a MeZO-BCD step share them).
 *
 * <p>Owns the pass and the weight tensors; the cache is plain heap memory. One run at a time.
 */
public final class StagedForward implements Forward {

    private record BatchKey(int size, int length, long[] ids, long[] mask, long[] types) {
        static BatchKey of(TokenBatch b) {
            return new BatchKey(b.size(), b.length(), b.ids(), b.attentionMask(), b.typeIds());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BatchKey k && size == k.size && length == k.length && Arrays.equals(ids, k.ids)
                    && Arrays.equals(mask, k.mask) && Arrays.equals(types, k.types);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(ids) * 31 + Arrays.hashCode(mask);
        }
    }

    /** A batch's levels up to the held segment, closed together. */
    private record Kept(Activations root, Activations cached, Activations prefix) implements AutoCloseable {
        @Override
        public void close() {
            try (root; cached; prefix) {
                // innermost first
            }
        }
    }

    private final GraphStages stages;
    private final StagedPass pass;
    private final WeightTensors weights;
    private final PrefixCache cache;
    private final Deque<Integer> holds = new ArrayDeque<>();
    private final Map<BatchKey, Kept> kept = new HashMap<>();
    private long prefixRuns;
    private long reusedPrefixes;

    /** @param cache the frozen-prefix cache over {@code pass}, or null */
    private StagedForward(GraphStages stages, StagedPass pass, WeightTensors weights, PrefixCache cache) {
        this.stages = stages;
        this.pass = pass;
        this.weights = weights;
        this.cache = cache;
    }

    /**
     * The forward pass {@code execution} asks for: a chain of stages when it splits blocks or when a frozen prefix
     * can be cached, else one session on the whole graph ({@link ForwardPass}).
     *
     * @param reads the positions a sliced head reads ({@link HeadFeed#of}); null for a model whose head is not sliced
     */
    public static Forward open(PreparedModel model, Execution execution, ReadPositions reads) {
        HeadFeed head = HeadFeed.of(model, reads);
        if (!execution.splitBlocks() && execution.prefixCacheMib() == 0) {
            return ForwardPass.weightsAsInputs(model, reads);
        }
        Map<String, String> blocks = new LinkedHashMap<>();
        for (Parameter p : model.parameters().parameters()) {
            blocks.put(p.name(), p.block());
        }
        OnnxFile rewritten = OnnxFile.readWhole(model.rewritten());
        GraphStages stages = GraphStages.of(rewritten.proto().getGraph(), blocks, model.signature().output().name(),
                model.rewritten());
        int frozen = stages.firstReader(blocks.keySet());
        boolean cached = execution.prefixCacheMib() > 0 && frozen > 0 && frozen < stages.stageCount();
        if (!execution.splitBlocks() && !cached) {
            return ForwardPass.weightsAsInputs(model, reads);
        }
        int[] cuts = execution.splitBlocks() ? IntStream.range(0, stages.stageCount()).toArray() : new int[] {0, frozen};
        WeightTensors weights = WeightTensors.wrap(model.parameters());
        try {
            StagedPass pass = StagedPass.open(rewritten.proto(), model.weightsDirectory(), stages, cuts, weights,
                    model.signature(), head);
            PrefixCache cache = cached ? new PrefixCache(pass, pass.segmentAt(frozen), execution.prefixCacheMib() << 20) : null;
            return new StagedForward(stages, pass, weights, cache);
        } catch (RuntimeException e) {
            weights.close();
            throw e;
        }
    }

    /** Stage names in forward order. */
    public java.util.List<String> stageNames() {
        return stages.stageNames();
    }

    /**
     * Holds fixed every segment before the first that reads one of {@code changing} (tensor names), until the
     * returned hold closes.
     */
    public Hold holdFixedExcept(Collection<String> changing) {
        int first = stages.firstReader(new HashSet<>(changing));
        return hold(first >= stages.stageCount() ? pass.segments() - 1 : pass.segmentAt(first));
    }

    /** The pass's segments. */
    public StagedPass pass() {
        return pass;
    }

    /** The frozen-prefix cache, or null. */
    public PrefixCache cache() {
        return cache;
    }

    /** Runs of held prefixes so far, and runs that reused one. */
    public long[] heldPrefixStats() {
        return new long[] {prefixRuns, reusedPrefixes};
    }

    /**
     * Holds every segment before {@code segment} fixed until the hold closes. Nested holds keep the shortest
     * prefix; what was kept for a longer one is dropped when the held segment changes.
     */
    Hold hold(int segment) {
        int before = held();
        holds.push(segment);
        if (held() != before) {
            dropKept();
        }
        return () -> {
            int now = held();
            holds.pop();
            if (held() != now) {
                dropKept();
            }
        };
    }

    private int held() {
        int h = Integer.MAX_VALUE;
        for (int s : holds) {
            h = Math.min(h, s);
        }
        return holds.isEmpty() ? -1 : h;
    }

    private void dropKept() {
        kept.values().forEach(Kept::close);
        kept.clear();
    }

    @Override
    public OutputView run(TokenBatch batch) {
        int start = cache == null ? 0 : cache.segment();
        int held = held();
        if (held > start) {
            BatchKey key = BatchKey.of(batch);
            Kept k = kept.get(key);
            if (k == null) {
                k = keep(batch, start, held);
                kept.put(key, k);
            } else {
                reusedPrefixes++;
            }
            return pass.finish(k.prefix(), batch, held);
        }
        try (Activations root = pass.tokens(batch);
             Activations cached = cache == null ? root.child() : cache.assemble(batch, root)) {
            return pass.finish(cached, batch, start);
        }
    }

    private Kept keep(TokenBatch batch, int start, int held) {
        Activations root = pass.tokens(batch);
        Activations cached = null;
        try {
            cached = cache == null ? root.child() : cache.assemble(batch, root);
            Activations prefix = pass.advance(cached, start, held);
            prefixRuns++;
            return new Kept(root, cached, prefix);
        } catch (RuntimeException e) {
            if (cached != null) {
                cached.close();
            }
            root.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            dropKept();
            pass.close();
        } finally {
            weights.close();
        }
    }
}
