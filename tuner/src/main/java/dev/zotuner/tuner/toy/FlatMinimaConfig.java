package dev.zotuner.tuner.toy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.zotuner.tuner.optim.ZoMethod;

/**
 * {@code config.json} of a {@code zo toy flat-minima} run: everything needed to rerun it. Defaults
 * follow Zhang et al. (arXiv:2506.05454, Example 2.1): d = 100, x, y ~ N(0, I), η = 0.01 for gradient
 * descent and 0.001 for ZO with λ = 0.1 (Gaussian directions).
 *
 * @param experiment always {@value #EXPERIMENT}
 * @param method     {@code gd} (exact gradient descent) or {@code zo-sgd} (two-point ZO-SGD)
 * @param d          dimension of x and of y (θ has 2d entries)
 * @param seed       x, y ~ N(0, I) are drawn from it, and it is ZO-SGD's run seed
 * @param lr         constant learning rate η
 * @param eps        perturbation scale λ (= ε) of ZO-SGD; NaN (null in JSON) for gradient descent
 * @param steps      updates
 * @param logEvery   a step line and a curvature line every this many updates, and after the last
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record FlatMinimaConfig(String experiment, @JsonProperty("optimizer") Method method, int d, long seed,
                               double lr, double eps, long steps, long logEvery) {

    /** The {@code experiment} value. */
    public static final String EXPERIMENT = "flat-minima";
    /** Default dimension, as in the paper. */
    public static final int DEFAULT_D = 100;
    /** Default λ for ZO, as in the paper. */
    public static final double DEFAULT_EPS = 0.1;
    /** Default number of updates: enough for ZO with λ = 0.1 to bring Tr H from ~190 to under 10. */
    public static final long DEFAULT_STEPS = 200_000;
    /** Default logging interval: 200 points per default run. */
    public static final long DEFAULT_LOG_EVERY = 1000;

    /** The update rule, with its name in {@code config.json} and its default η. */
    public enum Method {
        /** θ ← θ − η∇L(θ), the exact gradient. */
        GD("gd", 0.01),
        /** {@link ZoMethod#ZO_SGD}: θ ← θ − η·g·z, g = [L(θ+λz) − L(θ−λz)]/(2λ), z ~ N(0, I). */
        ZO(ZoMethod.ZO_SGD.id(), 0.001);

        private final String id;
        private final double defaultLr;

        Method(String id, double defaultLr) {
            this.id = id;
            this.defaultLr = defaultLr;
        }

        @JsonValue
        public String id() {
            return id;
        }

        public double defaultLr() {
            return defaultLr;
        }

        /** The method named {@code gd} or {@code zo} on the command line. */
        public static Method parse(String name) {
            return switch (name) {
                case "gd" -> GD;
                case "zo" -> ZO;
                default -> throw new IllegalArgumentException("--method must be gd or zo, got '" + name + "'");
            };
        }
    }

    public FlatMinimaConfig {
        check(EXPERIMENT.equals(experiment), "experiment must be " + EXPERIMENT + ", got " + experiment);
        check(method != null, "--method is required");
        check(d >= 1, "--d must be >= 1, got " + d);
        check(lr > 0 && Double.isFinite(lr), "--lr must be finite and > 0, got " + lr);
        if (method == Method.ZO) {
            check(eps > 0 && Double.isFinite(eps), "--eps must be finite and > 0, got " + eps);
        } else {
            check(Double.isNaN(eps), "--eps is the ZO perturbation scale; gradient descent has none");
        }
        check(steps >= 1, "--steps must be >= 1, got " + steps);
        check(logEvery >= 1, "--log-every must be >= 1, got " + logEvery);
    }

    /** A config with the method's defaults for the settings given as null. */
    public static FlatMinimaConfig of(Method method, int d, long seed, Double lr, Double eps, long steps,
                                      long logEvery) {
        double l = lr != null ? lr : method.defaultLr();
        double e = eps != null ? eps : method == Method.ZO ? DEFAULT_EPS : Double.NaN;
        return new FlatMinimaConfig(EXPERIMENT, method, d, seed, l, e, steps, logEvery);
    }

    /** Whether update {@code step} (1-based) gets a step and a curvature line. */
    public boolean logs(long step) {
        return step % logEvery == 0 || step == steps;
    }

    private static void check(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
