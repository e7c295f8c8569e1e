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
 */
public record Execution(long prefixCacheMib, boolean splitBlocks) {

    /** Default bound of the frozen-prefix cache. */
    public static final long DEFAULT_PREFIX_CACHE_MIB = 1024;

    public Execution {
        if (prefixCacheMib < 0) {
            throw new ModelException("--cache-mib " + prefixCacheMib + ": must be ≥ 0");
        }
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
        return new Execution(mib, splitBlocks);
    }

    public Execution withSplitBlocks(boolean split) {
        return new Execution(prefixCacheMib, split);
    }
}
