package dev.zotuner.tuner.perturb;

import dev.zotuner.models.Parameter;
import java.util.Locale;

/**
 * The shape of a perturbation direction z beyond the distribution of its coordinates: every coordinate
 * ({@link Dense}, MeZO), a fresh random subset ({@link Sparse}), or a low-rank matrix per weight matrix
 * ({@link LowRank}, LOZO). Every structure is a pure function of (step seed, tensor name, index), never stored,
 * and keeps E[z zᵀ] = I, so the two-point estimate g·z stays unbiased for the gradient as ε → 0 (Park et al.
 * 2025, "Unraveling Zeroth-Order Optimization through the Lens of Low-Dimensional Structured Perturbations").
 */
public sealed interface Structure permits Structure.Dense, Structure.Sparse, Structure.LowRank {

    /** The filler of z for tensor {@code p} under {@code seed}. */
    TensorNoise of(NoiseKind kind, NoiseGenerator generator, long seed, Parameter p);

    /** How a run directory names it: {@code dense}, {@code sparse:0.01}, {@code lowrank:2}. */
    String label();

    /** z[from .. from+len) of one tensor, written to {@code out[off ..]}; stateless once built. */
    @FunctionalInterface
    interface TensorNoise {
        void fill(int from, float[] out, int off, int len);
    }

    /** Every coordinate drawn: z = the tensor's noise stream. */
    record Dense() implements Structure {
        @Override
        public TensorNoise of(NoiseKind kind, NoiseGenerator generator, long seed, Parameter p) {
            NoiseStream stream = NoiseStream.of(seed, p.name());
            return (from, out, off, len) -> generator.fill(kind, stream, from, out, off, len);
        }

        @Override
        public String label() {
            return "dense";
        }
    }

    /**
     * Each coordinate kept with probability {@code density} (a mask hashed from the step seed, fresh every step)
     * and scaled by 1/√density, so E[z zᵀ] = I; the others are 0. Sparse MeZO (Liu et al. 2024) masks the same way
     * but by magnitude; here the mask is uniform, as in Park et al.'s sparse perturbations.
     */
    record Sparse(double density) implements Structure {
        private static final long MASK_SALT = 0x3A5C_A7E5_0F0F_1234L;

        public Sparse {
            if (!(density > 0 && density <= 1)) {
                throw new IllegalArgumentException("--density must be in (0, 1], got " + density);
            }
        }

        @Override
        public TensorNoise of(NoiseKind kind, NoiseGenerator generator, long seed, Parameter p) {
            NoiseStream values = NoiseStream.of(seed, p.name());
            NoiseStream mask = NoiseStream.of(SplitMix64.mix64(seed ^ MASK_SALT), p.name());
            long threshold = threshold();
            float scale = scale();
            return (from, out, off, len) -> {
                generator.fill(kind, values, from, out, off, len);
                for (int k = 0; k < len; k++) {
                    out[off + k] = kept(mask, from + k, threshold) ? out[off + k] * scale : 0f;
                }
            };
        }

        /** Whether coordinate {@code i} is in the mask: its 32-bit mask word below density · 2³². */
        static boolean kept(NoiseStream mask, long i, long threshold) {
            return Integer.toUnsignedLong(mask.word(i >>> 1, (int) (i & 1))) < threshold;
        }

        long threshold() {
            return Math.min(1L << 32, Math.round(density * 0x1p32));
        }

        float scale() {
            return (float) (1 / Math.sqrt(density));
        }

        @Override
        public String label() {
            return "sparse:" + density;
        }
    }

    /**
     * Each weight of rank ≥ 2, viewed as a matrix [d₀, size/d₀], perturbed by U·Vᵀ/√r with U [d₀, r] and
     * V [size/d₀, r] drawn from the step seed (LOZO: Chen et al. 2024, "Enhancing Zeroth-Order Fine-Tuning for
     * Language Models with Low-Rank Structures"); vectors stay dense. E[z zᵀ] = I for the matrix part too.
     */
    record LowRank(int rank) implements Structure {
        public LowRank {
            if (rank < 1) {
                throw new IllegalArgumentException("--rank must be >= 1, got " + rank);
            }
        }

        @Override
        public TensorNoise of(NoiseKind kind, NoiseGenerator generator, long seed, Parameter p) {
            long[] shape = p.shape();
            if (shape.length < 2) {
                return new Dense().of(kind, generator, seed, p);
            }
            int rows = Math.toIntExact(shape[0]);
            int cols = p.size() / rows;
            float[] u = factor(kind, generator, seed, p.name() + "#U", rows);
            float[] v = factor(kind, generator, seed, p.name() + "#V", cols);
            float scale = (float) (1 / Math.sqrt(rank));
            int r = rank;
            return (from, out, off, len) -> {
                for (int k = 0; k < len; k++) {
                    int i = from + k;
                    int a = i / cols * r;
                    int b = i % cols * r;
                    float s = 0;
                    for (int j = 0; j < r; j++) {
                        s = Math.fma(u[a + j], v[b + j], s);
                    }
                    out[off + k] = s * scale;
                }
            };
        }

        private float[] factor(NoiseKind kind, NoiseGenerator generator, long seed, String name, int n) {
            float[] f = new float[Math.multiplyExact(n, rank)];
            generator.fill(kind, NoiseStream.of(seed, name), 0, f, 0, f.length);
            return f;
        }

        @Override
        public String label() {
            return "lowrank:" + rank;
        }
    }

    /** Parses {@code dense}, {@code sparse} (with {@code density}) or {@code lowrank} (with {@code rank}). */
    public static Structure parse(String name, double density, int rank) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "dense" -> new Dense();
            case "sparse" -> new Sparse(density);
            case "lowrank", "low-rank" -> new LowRank(rank);
            default -> throw new IllegalArgumentException("--perturbation must be dense, sparse or lowrank, got " + name);
        };
    }
}
