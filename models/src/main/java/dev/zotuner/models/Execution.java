package dev.zotuner.models;

/**
 * How a loaded model runs its forward passes; none of these choices changes what a forward pass computes beyond
 * float rounding.
 *
 * @param prefixCacheMib bound on the frozen-prefix cache in MiB: when the trainable weights leave a prefix of blocks
 *                       frozen, the activations at the cut are kept per example and only the suffix runs again;
 *                       0 turns the cache off
 * @param splitBlocks    run the graph as a chain of per-block stages, so a step that changes one block reruns only
 *                       the stages from that block on (shared-prefix MeZO-BCD)
 * @param chunkBytes     most bytes of θ in one native buffer ({@link ParameterStore.Builder#chunkBytes}): the layout
 *                       of θ in memory only, never its values or the noise (tests split tiny models with it)
 */
public record Execution(long prefixCacheMib, boolean splitBlocks, long chunkBytes) {

    /** Default bound of the frozen-prefix cache. */
    public static final long DEFAULT_PREFIX_CACHE_MIB = 1024;

    public Execution {
        if (prefixCacheMib < 0) {
            throw new ModelException("--cache-mib " + prefixCacheMib + ": must be ≥ 0");
        }
        if (chunkBytes < Float.BYTES || chunkBytes > ParameterStore.Builder.MAX_CHUNK_BYTES) {
            throw new ModelException("θ chunk size " + chunkBytes + " bytes: must be in " + Float.BYTES + ".."
                    + ParameterStore.Builder.MAX_CHUNK_BYTES);
        }
    }

    /** The default chunk size ({@link ParameterStore.Builder#DEFAULT_CHUNK_BYTES}). */
    public Execution(long prefixCacheMib, boolean splitBlocks) {
        this(prefixCacheMib, splitBlocks, ParameterStore.Builder.DEFAULT_CHUNK_BYTES);
    }

    /** The frozen-prefix cache on, one graph otherwise. */
    public static Execution defaults() {
        return new Execution(DEFAULT_PREFIX_CACHE_MIB, false);
    }

    /** One session on the whole graph, no cache: the reference every other choice is tested against. */
    public static Execution whole() {
        return new Execution(0, false);
    }

    public Execution withPrefixCacheMib(long mib) {
        return new Execution(mib, splitBlocks, chunkBytes);
    }

    public Execution withSplitBlocks(boolean split) {
        return new Execution(prefixCacheMib, split, chunkBytes);
    }

    /** θ held in buffers of at most {@code bytes} bytes each. */
    public Execution withChunkBytes(long bytes) {
        return new Execution(prefixCacheMib, splitBlocks, bytes);
    }
}
