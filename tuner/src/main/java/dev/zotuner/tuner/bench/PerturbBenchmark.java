package dev.zotuner.tuner.bench;

import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.tuner.objective.Objective;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoOptimizer;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.NoiseGenerator;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.perturb.NoiseStream;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.LongConsumer;

/**
 * The measurements behind {@code zo bench perturb}. Every timing is the best of several repetitions
 * after a warm-up: on a shared machine the minimum is the least disturbed estimate of the cost.
 */
public final class PerturbBenchmark {

    private static final float EPS = 1e-3f;
    private final ParameterStore store;
    private final List<Parameter> all;
    private final int repeats;

    public PerturbBenchmark(ParameterStore store, int repeats) {
        this.store = store;
        this.all = store.parameters();
        this.repeats = repeats;
    }

    /** Nanoseconds per sample of {@code java.util.Random.nextGaussian} into a float buffer. */
    public static double randomGaussianNs(long samples) {
        float[] buf = new float[PerturbationEngine.CHUNK];
        Random rnd = new Random(1);
        return perSample(samples, 3, n -> {
            for (long done = 0; done < n; done += buf.length) {
                for (int i = 0; i < buf.length; i++) {
                    buf[i] = (float) rnd.nextGaussian();
                }
            }
        });
    }

    /** Nanoseconds per sample of one generator filling chunk after chunk on the calling thread. */
    public static double generatorNs(NoiseGenerator g, long samples) {
        float[] buf = new float[PerturbationEngine.CHUNK];
        NoiseStream s = NoiseStream.of(1, "bench");
        return perSample(samples, 3, n -> {
            for (long done = 0; done < n; done += buf.length) {
                g.fill(NoiseKind.GAUSSIAN, s, (int) (done & 0x3FFFFFF0), buf, 0, buf.length);
            }
        });
    }

    private static double perSample(long samples, int repeats, LongConsumer run) {
        run.accept(samples / 4);                 // warm-up
        double[] ns = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            run.accept(samples);
            ns[r] = (System.nanoTime() - t0) / (double) samples;
        }
        return best(ns);
    }

    /** Nanoseconds per element of one perturbation pass θ += εz over the whole store. */
    public double perturbPassNs(PerturbationEngine engine) {
        long[] seed = {0};
        return milliseconds(() -> engine.perturb(all, ++seed[0], EPS)) * 1e6 / store.size();
    }

    /** Milliseconds per MeZO step as written in the paper: θ+εz, −2εz, +εz, −ηgz (4 passes). */
    public double naiveStepMs(PerturbationEngine engine) {
        long[] seed = {0};
        return milliseconds(() -> {
            long s = ++seed[0];
            engine.perturb(all, s, EPS);
            engine.perturb(all, s, -2 * EPS);
            engine.perturb(all, s, EPS);
            engine.perturb(all, s, -1e-6f);
        });
    }

    /** Milliseconds per step of {@code ZoSgd} (restore fused with the update: 3 passes). */
    public double zoSgdStepMs(PerturbationEngine engine, Restoration restoration) {
        ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, ZoSettings.defaults(1).withRestoration(restoration));
        Objective cheap = cheapObjective();
        int[] batch = {0};
        return milliseconds(() -> sgd.step(cheap, batch));
    }

    /** Milliseconds per step when the next step's +εz is fused into this step's update (2 passes). */
    public double lookaheadStepMs(PerturbationEngine engine) {
        long[] seed = {0};
        engine.perturb(all, 0, EPS);
        return milliseconds(() -> {
            long s = seed[0]++;
            engine.perturb(all, s, -2 * EPS);
            float update = -1e-6f;
            engine.pass(all, new long[] {s, s + 1}, (p, from, len, theta, z) -> {
                for (int i = 0; i < len; i++) {
                    theta[i] = Math.fma(EPS, z[1][i], Math.fma(update, z[0][i], Math.fma(EPS, z[0][i], theta[i])));
                }
            });
        });
    }

    /** Drift of in-place restoration after {@code steps} ZO-SGD steps with g = 0, from θ = 0.05·z. */
    public Drift drift(PerturbationEngine engine, int steps) {
        store.restore(new float[(int) store.size()]);
        engine.perturb(all, 424242, 0.05f);
        float[] exact = store.snapshot();
        ZoOptimizer sgd = ZoMethod.ZO_SGD.create(store, engine, ZoSettings.defaults(7).withEps(EPS));
        Objective flat = constantObjective();
        for (int t = 0; t < steps; t++) {
            sgd.step(flat, new int[] {0});
        }
        float[] now = store.snapshot();
        double max = 0;
        double sum = 0;
        double sumSq = 0;
        double maxUlps = 0;
        long changed = 0;
        for (int i = 0; i < exact.length; i++) {
            double d = Math.abs(now[i] - exact[i]);
            max = Math.max(max, d);
            sum += d;
            sumSq += d * d;
            maxUlps = Math.max(maxUlps, d / Math.ulp(Math.abs(exact[i]) + EPS));   // rounding happens at |θ ± εz|
            changed += d != 0 ? 1 : 0;
        }
        int n = exact.length;
        return new Drift(steps, EPS, max, sum / n, Math.sqrt(sumSq / n), maxUlps, (double) changed / n);
    }

    /** In-place drift statistics: absolute values, and the largest in units of ulp(|θ| + ε). */
    record Drift(int steps, double eps, double maxAbs, double meanAbs, double rms, double maxUlps, double changedFraction) {
    }

    private double milliseconds(Runnable step) {
        step.run();                              // warm-up
        double[] ms = new double[repeats];
        for (int r = 0; r < repeats; r++) {
            long t0 = System.nanoTime();
            step.run();
            ms[r] = (System.nanoTime() - t0) / 1e6;
        }
        return best(ms);
    }

    private static double best(double[] x) {
        return Arrays.stream(x).min().orElseThrow();
    }

    /** A loss that reads one weight: free to evaluate, and g ≠ 0 so the update does real work. */
    private Objective cheapObjective() {
        FloatBuffer first = store.parameters().get(0).values();
        return objective(() -> first.get(0));
    }

    private Objective constantObjective() {
        return objective(() -> 1.0);
    }

    private Objective objective(java.util.function.DoubleSupplier loss) {
        return Objective.of(store, 1, examples -> loss.getAsDouble());
    }
}
