package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.zotuner.tuner.optim.ZoMethod;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class OptimizerIdTest {

    private static String refused(String value) {
        return assertThrows(TypeConversionException.class, () -> new OptimizerId().convert(value)).getMessage();
    }

    @Test
    void acceptsExactlyTheZoMethodIdsAndOffersThemForCompletion() {
        List<String> ids = new ArrayList<>();
        new OptimizerId().forEach(ids::add);
        assertEquals(Arrays.stream(ZoMethod.values()).map(ZoMethod::id).toList(), ids);
        for (ZoMethod m : ZoMethod.values()) {
            assertEquals(m, new OptimizerId().convert(m.id()));
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
