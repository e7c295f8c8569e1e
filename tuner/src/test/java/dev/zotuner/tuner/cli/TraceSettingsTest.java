package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.curvature.HutchinsonOptions;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.stability.ZoDynamics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class TraceSettingsTest {

    private static TraceSettings parse(String... options) {
        List<String> a = new ArrayList<>(List.of("--task", "sst2"));
        a.addAll(List.of(options));
        TraceCommand c = new TraceCommand();
        new CommandLine(c).parseArgs(a.toArray(String[]::new));
        return TraceSettings.parse(c);
    }

    private static String error(String... options) {
        return assertThrows(IllegalArgumentException.class, () -> parse(options)).getMessage();
    }

    @Test
    void defaultsAreAdaptiveGaussianProbesAtMezosStepOnTheTrainSplit() {
        TraceSettings s = parse();
        HutchinsonOptions d = HutchinsonOptions.defaults();
        assertEquals(d.minProbes(), s.options().minProbes());
        assertEquals(d.maxProbes(), s.options().maxProbes());
        assertEquals(d.targetRelativeSe(), s.options().targetRelativeSe());
        assertEquals((float) HutchinsonOptions.DEFAULT_H, s.options().step());
        assertEquals(0, s.options().seed());
        assertTrue(s.adaptive());
        assertEquals(NoiseKind.GAUSSIAN, s.noise());
        assertNull(s.optimizer());
        assertEquals(Runtime.getRuntime().availableProcessors(), s.threads());
        assertFalse(s.dev());
    }

    @Test
    void probesAreFixedOrAdaptiveWithAMinimumNoAboveTheCap() {
        TraceSettings fixed = parse("--probes", "7", "--probe-seed", "9", "--h", "5e-4");
        assertEquals(7, fixed.options().minProbes());
        assertEquals(7, fixed.options().maxProbes());
        assertFalse(fixed.adaptive());
        assertEquals(9, fixed.options().seed());
        assertEquals(5e-4f, fixed.options().step());
        TraceSettings small = parse("--max-probes", "4", "--target-rse", "0");
        assertEquals(4, small.options().minProbes());
        assertEquals(0, small.options().targetRelativeSe());
        TraceSettings large = parse("--max-probes", "400", "--target-rse", "0.02");
        assertEquals(TraceSettings.ADAPTIVE_MIN, large.options().minProbes());
        assertEquals(400, large.options().maxProbes());
        assertEquals(0.02, large.options().targetRelativeSe());
    }

    @Test
    void aLearningRateNeedsAnOptimizerWhoseBoundUsesTheTrace() {
        assertNull(parse().optimizer());
        assertEquals(ZoMethod.ZO_SGD, parse("--lr", "1e-6").optimizer().method());
        assertEquals(ZoDynamics.gd(1), parse("--lr", "1e-6").optimizer().dynamics());
        OptimizerChoice mmt = parse("--lr", "1e-6", "--momentum", "0.9").optimizer();
        assertEquals(ZoMethod.ZO_SGD_MOMENTUM, mmt.method());
        assertEquals(ZoDynamics.gdm(0.9, 1), mmt.dynamics());
        assertEquals(ZoDynamics.gd(4), parse("--lr", "1e-6", "--directions", "4").optimizer().dynamics());
        assertEquals(ZoDynamics.gd(1), parse("--lr", "1e-6", "--optimizer", "mezo-bcd").optimizer().dynamics());
        assertTrue(error("--lr", "1e-6", "--optimizer", "zo-adam").contains("Tr(P^-1 H)"));
        assertTrue(error("--momentum", "0.9").contains("give --lr"));
        assertTrue(error("--directions", "4").contains("give --lr"));
        assertTrue(error("--lr", "1e-6", "--directions", "0").startsWith("--directions"));
        assertEquals("--momentum and --directions 4 imply different optimizers (zo-sgd-mmt, n-spsa): give --optimizer",
                error("--lr", "1e-6", "--momentum", "0.9", "--directions", "4"));
        assertEquals("--directions 4 needs --optimizer n-spsa (zo-sgd-mmt takes one direction per step)",
                error("--lr", "1e-6", "--optimizer", "zo-sgd-mmt", "--momentum", "0.9", "--directions", "4"));
        CommandLine.ParameterException former = assertThrows(CommandLine.ParameterException.class,
                () -> parse("--lr", "1e-6", "--optimizer", "gdm"));
        assertTrue(former.getMessage().endsWith("'gdm' is not an optimizer id; use zo-sgd-mmt"), former.getMessage());
    }

    @Test
    void otherChoicesAreParsedCaseInsensitively() {
        assertTrue(parse("--split", "DEV").dev());
        assertEquals(NoiseKind.RADEMACHER, parse("--noise", "Rademacher").noise());
        assertEquals(1, parse("--threads", "1").threads());
        assertTrue(error("--split", "test").contains("train or dev"));
        assertTrue(error("--h", "NaN").startsWith("--h must be"));
        assertTrue(error("--h", "1e40").startsWith("--h must be"), "overflows a float");
        assertEquals(3e38f, parse("--h", "3e38").options().step());
        assertTrue(error("--h", "3e38", "--check-h").contains("2h overflows"));
    }
}
