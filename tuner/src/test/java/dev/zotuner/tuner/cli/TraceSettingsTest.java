package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.curvature.HutchinsonOptions;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.stability.ZoUpdate;
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
        assertNull(s.dynamics());
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
    void aLearningRateNeedsAStepRuleThatUsesTheTrace() {
        assertEquals(ZoUpdate.GD, parse("--lr", "1e-6").dynamics().update());
        var gdm = parse("--lr", "1e-6", "--momentum", "0.9", "--directions", "4").dynamics();
        assertEquals(ZoUpdate.GDM, gdm.update());
        assertEquals(0.9, gdm.beta());
        assertEquals(4, gdm.directions());
        assertTrue(error("--lr", "1e-6", "--optimizer", "adam").contains("Tr(P^-1 H)"));
        assertTrue(error("--momentum", "0.9").contains("give --lr"));
        assertTrue(error("--lr", "1e-6", "--directions", "0").startsWith("--directions"));
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
