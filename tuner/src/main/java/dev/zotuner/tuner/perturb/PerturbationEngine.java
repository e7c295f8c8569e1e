package dev.zotuner.tuner.perturb;

import dev.zotuner.models.Parameter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Applies fused passes θ ← f(θ, z₁, …, z_K) over a set of tensors (a whole {@code ParameterStore} or
 * one block), regenerating each z from its seed chunk by chunk instead of storing it.
 *
 * <p>Each tensor is cut into {@link #CHUNK}-element chunks (aligned to the generator's 16-element
 * blocks); the chunks are shared out dynamically among a fixed pool of {@code threads} workers (the
 * calling thread is one of them). Because z and the kernel are pure functions of the element, the
 * result is identical for every thread count.
 *
 * <p>The engine owns its worker threads until {@link #close()}; passes run one at a time (the
 * methods are synchronized). Tensors' buffers belong to their store and must stay valid during a pass.
 */
public final class PerturbationEngine implements AutoCloseable {

    /** Elements per chunk (a multiple of 16); θ and z chunks stay in L1/L2. */
    public static final int CHUNK = 4096;

    private final int threads;
    private final NoiseKind kind;
    private final NoiseGenerator generator;
    private final Structure structure;
    private final ExecutorService pool;
    private final Scratch[] scratch;
    private WarmUp warmUp;

    /** Passes at least this large warm the generator first (below it, cold code costs little garbage). */
    public static final int WARM_UP_ELEMENTS = 1 << 20;

    /** A pool of {@code threads} workers with the fastest available generator, dense directions. */
    public PerturbationEngine(int threads, NoiseKind kind) {
        this(threads, kind, NoiseGenerator.fastest());
    }

    /** Dense directions from {@code generator}. */
    public PerturbationEngine(int threads, NoiseKind kind, NoiseGenerator generator) {
        this(threads, kind, generator, new Structure.Dense());
    }

    /** Directions of the given structure (dense, sparse, low-rank) with the fastest generator. */
    public PerturbationEngine(int threads, NoiseKind kind, Structure structure) {
        this(threads, kind, NoiseGenerator.fastest(), structure);
    }

    public PerturbationEngine(int threads, NoiseKind kind, NoiseGenerator generator, Structure structure) {
        if (threads < 1) {
            throw new IllegalArgumentException("perturbation threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        this.kind = kind;
        this.generator = generator;
        this.structure = structure;
        this.pool = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "zo-perturb");
            t.setDaemon(true);
            return t;
        });
        this.scratch = new Scratch[threads];
        for (int w = 0; w < threads; w++) {
            scratch[w] = new Scratch();
        }
    }

    /**
     * Compiles the noise generator (see {@link NoiseGenerator#warmUp}) unless done already. The first pass over
     * at least {@link #WARM_UP_ELEMENTS} elements calls it, so no caller needs to. Returns what that one warm-up
     * did.
     */
    public synchronized WarmUp warmUp() {
        if (warmUp == null) {
            warmUp = generator.warmUp(kind);
        }
        return warmUp;
    }

    public int threads() {
        return threads;
    }

    public NoiseKind kind() {
        return kind;
    }

    public NoiseGenerator generator() {
        return generator;
    }

    public Structure structure() {
        return structure;
    }

    /** θ ← θ + scale·z(seed) over {@code tensors}, one rounding per element (fma). */
    public void perturb(List<Parameter> tensors, long seed, float scale) {
        pass(tensors, new long[] {seed}, (p, from, len, theta, z) -> {
            float[] z0 = z[0];
            for (int i = 0; i < len; i++) {
                theta[i] = Math.fma(scale, z0[i], theta[i]);
            }
        });
    }

    /** Writes z[from .. from+len) of tensor {@code p} under {@code seed} to {@code out[off ..]}. */
    public void noise(Parameter p, long seed, int from, float[] out, int off, int len) {
        structure.of(kind, generator, seed, p).fill(from, out, off, len);
    }

    /** Runs {@code kernel} over every element of {@code tensors} with the noise of each seed. */
    public synchronized void pass(List<Parameter> tensors, long[] seeds, PassKernel kernel) {
        if (pool != null && pool.isShutdown()) {
            throw new IllegalStateException("perturbation engine is closed");
        }
        Work work = new Work(tensors, seeds.clone(), kernel);
        if (warmUp == null && work.elements() >= WARM_UP_ELEMENTS) {
            warmUp();
        }
        int helpers = Math.min(threads, work.chunks()) - 1;
        if (helpers <= 0) {
            work.run(scratch[0]);
            return;
        }
        List<Future<?>> running = new ArrayList<>(helpers);
        for (int w = 1; w <= helpers; w++) {
            Scratch mine = scratch[w];
            running.add(pool.submit(() -> work.run(mine)));
        }
        RuntimeException failure = null;
        try {
            work.run(scratch[0]);
        } catch (RuntimeException e) {
            failure = e;
        }
        for (Future<?> f : running) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = failure != null ? failure : unchecked(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failure = failure != null ? failure : new IllegalStateException("perturbation pass interrupted", e);
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private static RuntimeException unchecked(Throwable t) {
        return t instanceof RuntimeException r ? r : new IllegalStateException(t.getMessage(), t);
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    /** One pass: the chunk list and a shared cursor. */
    private final class Work {
        private final List<Parameter> tensors;
        private final long[] seeds;
        private final PassKernel kernel;
        private final int[] chunkTensor;
        private final int[] chunkFrom;
        private final Structure.TensorNoise[][] noise;
        private final AtomicInteger next = new AtomicInteger();

        Work(List<Parameter> tensors, long[] seeds, PassKernel kernel) {
            this.tensors = List.copyOf(tensors);
            this.seeds = seeds;
            this.kernel = kernel;
            int n = 0;
            for (Parameter p : this.tensors) {
                n += (p.size() + CHUNK - 1) / CHUNK;
            }
            chunkTensor = new int[n];
            chunkFrom = new int[n];
            noise = new Structure.TensorNoise[this.tensors.size()][seeds.length];
            int c = 0;
            for (int t = 0; t < this.tensors.size(); t++) {
                Parameter p = this.tensors.get(t);
                for (int k = 0; k < seeds.length; k++) {
                    noise[t][k] = structure.of(kind, generator, seeds[k], p);
                }
                for (int from = 0; from < p.size(); from += CHUNK, c++) {
                    chunkTensor[c] = t;
                    chunkFrom[c] = from;
                }
            }
        }

        int chunks() {
            return chunkTensor.length;
        }

        long elements() {
            long n = 0;
            for (Parameter p : tensors) {
                n += p.size();
            }
            return n;
        }

        void run(Scratch s) {
            float[][] z = s.z(seeds.length);
            for (int c = next.getAndIncrement(); c < chunkTensor.length; c = next.getAndIncrement()) {
                int t = chunkTensor[c];
                Parameter p = tensors.get(t);
                int from = chunkFrom[c];
                int len = Math.min(CHUNK, p.size() - from);
                for (int k = 0; k < seeds.length; k++) {
                    noise[t][k].fill(from, z[k], 0, len);
                }
                p.values().get(from, s.theta, 0, len);
                kernel.apply(p, from, len, s.theta, z);
                p.values().put(from, s.theta, 0, len);
            }
        }
    }

    /** Per-worker chunk buffers, reused across passes. */
    private static final class Scratch {
        final float[] theta = new float[CHUNK];
        private float[][] z = new float[0][];

        float[][] z(int k) {
            if (z.length != k) {
                float[][] grown = new float[k][];
                for (int i = 0; i < k; i++) {
                    grown[i] = i < z.length ? z[i] : new float[CHUNK];
                }
                z = grown;
            }
            return z;
        }
    }
}
