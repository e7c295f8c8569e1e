package dev.zotuner.tuner.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.optim.ZoSettings;
import dev.zotuner.tuner.perturb.NoiseKind;
import org.junit.jupiter.api.Test;

class OptimizerSettingsTest {

    private static OptimizerSettings settings(double lr, LearningRate.Decay schedule, double eps, double momentum) {
        return new OptimizerSettings(ZoMethod.N_SPSA, lr, schedule, eps, 0.1, momentum, 0.8, 0.99, 4,
                BlockOrder.RANDOM_PERMUTATION, Restoration.SNAPSHOT, NoiseKind.RADEMACHER, null, 1);
    }

    @Test
    void zoSettingsCarryEveryHyperParameterAndTheRunSeed() {
        ZoSettings z = settings(1e-4, LearningRate.Decay.CONSTANT, 2e-3, 0.5).zoSettings(99, 10);
        assertEquals(LearningRate.constant(1e-4), z.lr());
        assertEquals(2e-3, z.eps());
        assertEquals(0.1, z.weightDecay());
        assertEquals(0.5, z.momentum());
        assertEquals(0.8, z.beta1());
        assertEquals(0.99, z.beta2());
        assertEquals(ZoSettings.ADAM_EPS, z.adamEpsilon());
        assertEquals(4, z.directions());
        assertEquals(BlockOrder.RANDOM_PERMUTATION, z.blockOrder());
        assertEquals(Restoration.SNAPSHOT, z.restoration());
        assertEquals(99, z.runSeed());
    }

    @Test
    void theLinearScheduleEndsAtTheRunsLastStep() {
        ZoSettings z = settings(1e-4, LearningRate.Decay.LINEAR, 1e-3, 0.9).zoSettings(1, 200);
        assertEquals(LearningRate.linear(1e-4, 200), z.lr());
        assertEquals(0.0, z.lr().at(200));
    }

    @Test
    void outOfRangeValuesAreRefusedNamingTheOption() {
        assertEquals("--lr must be > 0, got 0.0", assertThrows(IllegalArgumentException.class,
                () -> settings(0, LearningRate.Decay.CONSTANT, 1e-3, 0.9)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> settings(1e-4, LearningRate.Decay.CONSTANT, 0, 0.9));
        assertThrows(IllegalArgumentException.class, () -> settings(1e-4, LearningRate.Decay.CONSTANT, 1e-3, 1.0));
    }

    @Test
    void noPerturbationMeansDenseAndTheEngineUsesTheNoise() {
        OptimizerSettings s = settings(1e-4, LearningRate.Decay.CONSTANT, 1e-3, 0.9);
        assertEquals(PerturbationConfig.dense(), s.perturbation());
        try (var engine = s.engine()) {
            assertEquals(NoiseKind.RADEMACHER, engine.kind());
        }
    }
}
