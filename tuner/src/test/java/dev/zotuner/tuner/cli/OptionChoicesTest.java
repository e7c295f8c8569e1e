package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.optim.BlockOrder;
import dev.zotuner.tuner.optim.LearningRate;
import dev.zotuner.tuner.optim.Restoration;
import dev.zotuner.tuner.optim.ZoMethod;
import dev.zotuner.tuner.perturb.NoiseKind;
import dev.zotuner.tuner.train.FewShotObjective;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.TypeConversionException;

class OptionChoicesTest {

    @TempDir
    Path tmp;

    @Test
    void eachVocabularyAcceptsItsValuesOnlyAndListsThem() {
        OptionChoices.Schedule schedule = new OptionChoices.Schedule();
        assertEquals(LearningRate.Decay.LINEAR, schedule.convert("linear"));
        TypeConversionException e = assertThrows(TypeConversionException.class, () -> schedule.convert("cosine"));
        assertEquals("'cosine' is not one of constant, linear", e.getMessage());
        List<String> ids = new ArrayList<>();
        new OptionChoices.Optimizer().forEach(ids::add);
        assertEquals(java.util.Arrays.stream(ZoMethod.values()).map(ZoMethod::id).toList(), ids);
        assertThrows(TypeConversionException.class, () -> new OptionChoices.Restoration().convert("In-Place"));
        assertEquals("lowrank", new OptionChoices.Perturbation().convert("lowrank"));
        assertEquals(BlockOrder.RANDOM_PERMUTATION, new OptionChoices.BlockOrder().convert("random"));
        assertEquals(NoiseKind.RADEMACHER, new OptionChoices.Noise().convert("rademacher"));
        assertEquals(Restoration.IN_PLACE, new OptionChoices.Restoration().convert("in-place"));
        assertEquals(FewShotObjective.Kind.ACCURACY, new OptionChoices.Objective().convert("accuracy"));
        assertEquals(ZoMethod.ZO_SGD_MOMENTUM, new OptionChoices.Optimizer().convert("zo-sgd-mmt"));
    }

    @Test
    void aWrongValueStopsFinetuneAtParsingWithOneLineAndNoRunDirectory() {
        Path runDir = tmp.resolve("run");
        CliRun r = CliRun.of("finetune", "--task", "sst2", "--schedule", "cosine", "--run-dir", runDir.toString());
        assertEquals(2, r.exit(), r.err());
        assertEquals("zo finetune: Invalid value for option '--schedule': 'cosine' is not one of constant, linear "
                + "(zo finetune --help for usage)", r.err().strip(), "one line, no usage dump");
        assertFalse(Files.exists(runDir));
    }

    private static String refused(String value) {
        return assertThrows(TypeConversionException.class, () -> new OptionChoices.Optimizer().convert(value)).getMessage();
    }

    @Test
    void acceptsExactlyTheZoMethodIdsAndOffersThemForCompletion() {
        List<String> ids = new ArrayList<>();
        new OptionChoices.Optimizer().forEach(ids::add);
        assertEquals(Arrays.stream(ZoMethod.values()).map(ZoMethod::id).toList(), ids);
        for (ZoMethod m : ZoMethod.values()) {
            assertEquals(m, new OptionChoices.Optimizer().convert(m.id()));
        }
        assertEquals("'ZO-SGD' is not one of zo-sgd, zo-sgd-mmt, zo-adam, zo-sgd-sign, zo-sgd-cons, n-spsa, mezo-bcd",
                refused("ZO-SGD"));
    }

    @Test
    void formerUpdateRuleNamesAreRefusedNamingTheIdToUse() {
        assertEquals("'gd' is not an optimizer id; use zo-sgd", refused("gd"));
        assertEquals("'gdm' is not an optimizer id; use zo-sgd-mmt", refused("gdm"));
        assertEquals("'adam' is not an optimizer id; use zo-adam", refused("adam"));
        assertEquals("'zo-sgd-momentum' is not an optimizer id; use zo-sgd-mmt", refused("zo-sgd-momentum"));
        assertEquals("'MeZO' is not an optimizer id; use zo-sgd", refused("MeZO"));
    }
}
