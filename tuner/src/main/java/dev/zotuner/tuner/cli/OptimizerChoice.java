package dev.zotuner.tuner.cli;

import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.stability.ZoDynamics;
import dev.zotuner.tuner.stability.ZoUpdate;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The optimizer whose step a learning rate is judged for ({@code zo stability}, {@code zo trace}): a {@link ZoMethod}
 * and the {@link ZoSettings} of its step. Its linearised dynamics come from {@link ZoMethod#dynamics}, the one mapping
 * from optimizer to dynamics, which the training loop uses too.
 *
 * @param method   the optimizer
 * @param settings its hyper-parameters; {@link ZoMethod#dynamics} reads the ones that method has
 */
record OptimizerChoice(ZoMethod method, ZoSettings settings) {

    /**
     * What one source says about the optimizer; null = not given.
     *
     * @param source     where the values come from: null for the command line (messages then name the options), else a
     *                   file
     * @param optimizer  the optimizer id
     * @param momentum   heavy-ball β
     * @param beta1      Adam's β₁
     * @param directions directions per step
     */
    record Given(String source, ZoMethod optimizer, Double momentum, Double beta1, Integer directions) {

        /** Nothing from anywhere. */
        static final Given NONE = new Given("", null, null, null, null);

        /** Values from the command line. */
        static Given options(ZoMethod optimizer, Double momentum, Double beta1, Integer directions) {
            return new Given(null, optimizer, momentum, beta1, directions);
        }

        boolean fromOptions() {
            return source == null;
        }

        /** The name of a value in messages: the option, or the source and field. */
        private String name(String field) {
            return fromOptions() ? "--" + field : source + ": " + field;
        }

        private void check() {
            checkBeta("momentum", momentum);
            checkBeta("beta1", beta1);
            if (directions != null && directions < 1) {
                throw new IllegalArgumentException(name("directions") + " must be >= 1, got " + directions);
            }
        }

        private void checkBeta(String field, Double beta) {
            if (beta != null && !(beta >= 0 && beta < 1)) {
                throw new IllegalArgumentException(name(field) + " must be in [0, 1), got " + beta);
            }
        }

        /** The optimizer these values imply (momentum: zo-sgd-mmt, beta1: zo-adam, directions N &gt; 1: n-spsa). */
        private ZoMethod implied() {
            String dashes = fromOptions() ? "--" : "";
            List<String> fields = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            ZoMethod implied = null;
            if (momentum != null) {
                fields.add(dashes + "momentum");
                implied = ZoMethod.ZO_SGD_MOMENTUM;
                ids.add(implied.id());
            }
            if (beta1 != null) {
                fields.add(dashes + "beta1");
                implied = ZoMethod.ZO_ADAM;
                ids.add(implied.id());
            }
            if (directions != null && directions > 1) {
                fields.add(dashes + "directions " + directions);
                implied = ZoMethod.N_SPSA;
                ids.add(implied.id());
            }
            if (ids.size() > 1) {
                throw new IllegalArgumentException((fromOptions() ? "" : source + ": ") + String.join(" and ", fields)
                        + " imply different optimizers (" + String.join(", ", ids) + "): give --optimizer");
            }
            return implied;
        }
    }

    /**
     * The optimizer: {@code options.optimizer()}, else the run's, else the one the options imply, else the one the run's
     * values imply, else zo-sgd. A value given as an option must belong to that optimizer (--momentum to zo-sgd-mmt,
     * --beta1 to zo-adam, --directions N &gt; 1 to n-spsa); a run's value is used where it applies. zo-sgd-mmt needs a
     * momentum; Adam's β₁ defaults to 0.9.
     *
     * @param options values from the command line ({@link Given#options})
     * @param run     values read from a run, or {@link Given#NONE}
     * @throws IllegalArgumentException one line naming the option (or file and field) and the cause
     */
    static OptimizerChoice resolve(Given options, Given run) {
        options.check();
        run.check();
        ZoMethod method = options.optimizer() != null ? options.optimizer() : run.optimizer();
        if (method == null) {
            method = options.implied();
        }
        if (method == null) {
            method = run.implied();
        }
        if (method == null) {
            method = ZoMethod.ZO_SGD;
        }
        String has = method.id() + (options.optimizer() == null && run.optimizer() != null ? ", the run's optimizer," : "");
        if (options.momentum() != null && method != ZoMethod.ZO_SGD_MOMENTUM) {
            throw new IllegalArgumentException("--momentum needs --optimizer zo-sgd-mmt (" + has + " has none)");
        }
        if (options.beta1() != null && method != ZoMethod.ZO_ADAM) {
            throw new IllegalArgumentException("--beta1 needs --optimizer zo-adam (" + has + " has none)");
        }
        if (options.directions() != null && options.directions() > 1 && method != ZoMethod.N_SPSA) {
            throw new IllegalArgumentException("--directions " + options.directions() + " needs --optimizer n-spsa ("
                    + has + " takes one direction per step)");
        }
        Double momentum = options.momentum() != null ? options.momentum() : run.momentum();
        if (method == ZoMethod.ZO_SGD_MOMENTUM && momentum == null) {
            throw new IllegalArgumentException(options.optimizer() != null || run.optimizer() == null
                    ? "--optimizer zo-sgd-mmt needs --momentum"
                    : "the run's optimizer zo-sgd-mmt needs --momentum (" + run.source() + " records none)");
        }
        Double beta1 = options.beta1() != null ? options.beta1() : run.beta1();
        Integer directions = options.directions() != null ? options.directions() : run.directions();
        ZoSettings defaults = ZoSettings.defaults(0);
        ZoSettings settings = defaults.withMomentum(momentum != null ? momentum : defaults.momentum())
                .withAdam(beta1 != null ? beta1 : defaults.beta1(), defaults.beta2(), ZoSettings.ADAM_EPS)
                .withDirections(directions != null ? directions : 1);
        return new OptimizerChoice(method, settings);
    }

    /** The linearised dynamics the stability bound uses for this optimizer. */
    ZoDynamics dynamics() {
        return method.dynamics(settings);
    }

    /** For people: the id, the hyper-parameter its dynamics use and the directions, e.g. {@code zo-sgd-mmt (momentum 0.9), 1 direction}. */
    String describe() {
        ZoDynamics d = dynamics();
        String beta = d.update() == ZoUpdate.GDM ? " (momentum " + plain(d.beta()) + ")"
                : d.update() == ZoUpdate.ADAM ? " (beta1 " + plain(d.beta()) + ", frozen P)" : "";
        return method.id() + beta + ", " + d.directions() + (d.directions() == 1 ? " direction" : " directions");
    }

    private static String plain(double v) {
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
