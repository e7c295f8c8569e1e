package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.cli.OptimizerChoice.Given;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.stability.ZoDynamics;
import org.junit.jupiter.api.Test;

class OptimizerChoiceTest {

    private static OptimizerChoice options(ZoMethod m, Double momentum, Double beta1, Integer directions) {
        return OptimizerChoice.resolve(Given.options(m, momentum, beta1, directions), Given.NONE);
    }

    private static String error(Given options, Given run) {
        return assertThrows(IllegalArgumentException.class, () -> OptimizerChoice.resolve(options, run)).getMessage();
    }

    private static Given run(ZoMethod m, Double momentum, Double beta1, Integer directions) {
        return new Given("runs/a/metrics.jsonl", m, momentum, beta1, directions);
    }

    @Test
    void theDynamicsAreZoMethodsForTheSettingsGiven() {
        assertEquals(ZoDynamics.gd(1), options(null, null, null, null).dynamics());
        assertEquals(ZoMethod.ZO_SGD, options(null, null, null, null).method());
        assertEquals(ZoDynamics.gdm(0.5, 1), options(ZoMethod.ZO_SGD_MOMENTUM, 0.5, null, null).dynamics());
        assertEquals(ZoDynamics.adam(0.9, 1), options(ZoMethod.ZO_ADAM, null, null, null).dynamics(), "β₁ defaults to 0.9");
        assertEquals(ZoDynamics.adam(0.7, 1), options(ZoMethod.ZO_ADAM, null, 0.7, 1).dynamics());
        assertEquals(ZoDynamics.gd(6), options(ZoMethod.N_SPSA, null, null, 6).dynamics());
        for (ZoMethod m : ZoMethod.values()) {
            OptimizerChoice c = options(m, m == ZoMethod.ZO_SGD_MOMENTUM ? 0.8 : null, null, null);
            assertEquals(m.dynamics(c.settings()), c.dynamics(), m.id());
        }
    }

    @Test
    void aLoneHyperParameterImpliesItsOptimizer() {
        assertEquals(ZoMethod.ZO_SGD_MOMENTUM, options(null, 0.9, null, null).method());
        assertEquals(ZoMethod.ZO_ADAM, options(null, null, 0.9, null).method());
        assertEquals(ZoMethod.N_SPSA, options(null, null, null, 3).method());
        assertEquals(ZoMethod.ZO_SGD, options(null, null, null, 1).method());
        assertEquals("--momentum and --beta1 imply different optimizers (zo-sgd-mmt, zo-adam): give --optimizer",
                error(Given.options(null, 0.9, 0.9, null), Given.NONE));
    }

    @Test
    void aRunsOptimizerAndValuesApplyUnlessAnOptionSaysOtherwise() {
        assertEquals(ZoDynamics.gdm(0.9, 1), OptimizerChoice.resolve(Given.options(null, null, null, null),
                run(ZoMethod.ZO_SGD_MOMENTUM, 0.9, null, 1)).dynamics());
        assertEquals(ZoDynamics.gdm(0.5, 1), OptimizerChoice.resolve(Given.options(null, 0.5, null, null),
                run(ZoMethod.ZO_SGD_MOMENTUM, 0.9, null, 1)).dynamics());
        assertEquals(ZoDynamics.gd(4), OptimizerChoice.resolve(Given.options(null, null, null, null),
                run(ZoMethod.N_SPSA, null, null, 4)).dynamics());
        assertEquals(ZoDynamics.adam(0.9, 1), OptimizerChoice.resolve(Given.options(ZoMethod.ZO_ADAM, null, null, null),
                run(ZoMethod.ZO_SGD_MOMENTUM, 0.5, null, 1)).dynamics(), "a run's momentum does not apply to zo-adam");
        assertEquals(ZoDynamics.adam(0.8, 1), OptimizerChoice.resolve(Given.options(null, null, null, null),
                run(null, null, 0.8, 1)).dynamics(), "without config.json the run's beta1 implies zo-adam");
        assertEquals(ZoMethod.ZO_SGD_MOMENTUM, OptimizerChoice.resolve(Given.options(null, 0.5, null, null),
                run(null, null, 0.8, 1)).method(), "what the options imply comes before what the run's values imply");
        assertEquals("--momentum needs --optimizer zo-sgd-mmt (zo-sgd, the run's optimizer, has none)",
                error(Given.options(null, 0.5, null, null), run(ZoMethod.ZO_SGD, null, null, 1)));
        assertEquals("the run's optimizer zo-sgd-mmt needs --momentum (runs/a/metrics.jsonl records none)",
                error(Given.options(null, null, null, null), run(ZoMethod.ZO_SGD_MOMENTUM, null, null, 1)));
        assertEquals("runs/a/metrics.jsonl: momentum must be in [0, 1), got 1.5",
                error(Given.options(null, null, null, null), run(null, 1.5, null, null)));
        assertEquals("runs/a/metrics.jsonl: momentum and beta1 imply different optimizers (zo-sgd-mmt, zo-adam): give --optimizer",
                error(Given.options(null, null, null, null), run(null, 0.9, 0.9, null)));
    }

    @Test
    void anOptionMustBelongToTheOptimizer() {
        assertEquals("--optimizer zo-sgd-mmt needs --momentum", error(Given.options(ZoMethod.ZO_SGD_MOMENTUM, null, null, null),
                Given.NONE));
        assertEquals("--momentum needs --optimizer zo-sgd-mmt (zo-sgd has none)",
                error(Given.options(ZoMethod.ZO_SGD, 0.0, null, null), Given.NONE));
        assertEquals("--beta1 needs --optimizer zo-adam (n-spsa has none)",
                error(Given.options(ZoMethod.N_SPSA, null, 0.9, null), Given.NONE));
        assertEquals("--directions 2 needs --optimizer n-spsa (mezo-bcd takes one direction per step)",
                error(Given.options(ZoMethod.MEZO_BCD, null, null, 2), Given.NONE));
        assertEquals("--directions must be >= 1, got 0", error(Given.options(null, null, null, 0), Given.NONE));
        assertEquals("--momentum must be in [0, 1), got 1.0", error(Given.options(null, 1.0, null, null), Given.NONE));
        assertEquals("--beta1 must be in [0, 1), got NaN", error(Given.options(null, null, Double.NaN, null), Given.NONE));
    }

    @Test
    void describeNamesTheIdAndWhatItsDynamicsUse() {
        assertEquals("zo-sgd, 1 direction", options(null, null, null, null).describe());
        assertEquals("n-spsa, 4 directions", options(null, null, null, 4).describe());
        assertEquals("zo-sgd-mmt (momentum 0.95), 1 direction", options(null, 0.95, null, null).describe());
        assertEquals("zo-adam (beta1 0.9, frozen P), 1 direction", options(ZoMethod.ZO_ADAM, null, null, null).describe());
        assertEquals("zo-sgd-sign, 1 direction", options(ZoMethod.ZO_SGD_SIGN, null, null, null).describe());
    }
}
