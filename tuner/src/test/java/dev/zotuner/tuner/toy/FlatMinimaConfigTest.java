package dev.zotuner.tuner.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.toy.FlatMinimaConfig.Method;
import org.junit.jupiter.api.Test;

class FlatMinimaConfigTest {

    @Test
    void defaultsFollowThePaperPerMethod() {
        FlatMinimaConfig gd = FlatMinimaConfig.of(Method.GD, 100, 42, null, null, 10, 1);
        assertEquals(0.01, gd.lr());
        assertTrue(Double.isNaN(gd.eps()));
        assertEquals("gd", gd.method().id());
        FlatMinimaConfig zo = FlatMinimaConfig.of(Method.ZO, 100, 42, null, null, 10, 1);
        assertEquals(0.001, zo.lr());
        assertEquals(FlatMinimaConfig.DEFAULT_EPS, zo.eps());
        assertEquals("zo-sgd", zo.method().id());
        assertEquals(0.05, FlatMinimaConfig.of(Method.ZO, 100, 42, 0.05, 0.2, 10, 1).lr());
    }

    @Test
    void methodNamesOnTheCommandLine() {
        assertEquals(Method.GD, Method.parse("gd"));
        assertEquals(Method.ZO, Method.parse("zo"));
        assertEquals("--method must be gd or zo, got 'zo-sgd'",
                assertThrows(IllegalArgumentException.class, () -> Method.parse("zo-sgd")).getMessage());
    }

    @Test
    void logsEveryNthStepAndTheLast() {
        FlatMinimaConfig c = FlatMinimaConfig.of(Method.GD, 2, 1, null, null, 25, 10);
        assertTrue(c.logs(10) && c.logs(20) && c.logs(25));
        assertFalse(c.logs(1) || c.logs(11) || c.logs(24));
    }

    @Test
    void badSettingsNameTheOption() {
        assertEquals("--d must be >= 1, got 0", message(() -> FlatMinimaConfig.of(Method.ZO, 0, 1, null, null, 1, 1)));
        assertEquals("--lr must be finite and > 0, got -1.0",
                message(() -> FlatMinimaConfig.of(Method.ZO, 2, 1, -1.0, null, 1, 1)));
        assertEquals("--eps must be finite and > 0, got 0.0",
                message(() -> FlatMinimaConfig.of(Method.ZO, 2, 1, null, 0.0, 1, 1)));
        assertEquals("--eps is the ZO perturbation scale; gradient descent has none",
                message(() -> FlatMinimaConfig.of(Method.GD, 2, 1, null, 0.1, 1, 1)));
        assertEquals("--steps must be >= 1, got 0", message(() -> FlatMinimaConfig.of(Method.GD, 2, 1, null, null, 0, 1)));
        assertEquals("--log-every must be >= 1, got 0",
                message(() -> FlatMinimaConfig.of(Method.GD, 2, 1, null, null, 1, 0)));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
