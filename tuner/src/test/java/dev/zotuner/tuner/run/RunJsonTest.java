package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.zotuner.tuner.rundir.JsonFields;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class RunJsonTest {

    record Settings(String optimizer, double lr, float eps, Double momentum, List<Double> extra) {
    }

    private static String line(JsonNode node) {
        return new String(RunJson.line(node), StandardCharsets.UTF_8);
    }

    @Test
    void nonFiniteNumbersBecomeNullInRecordsMapsAndLists() {
        JsonNode tree = RunJson.tree(new Settings("zo-sgd", Double.NaN, Float.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY, List.of(1.5, Double.NaN)));
        assertEquals("{\"optimizer\":\"zo-sgd\",\"lr\":null,\"eps\":null,\"momentum\":null,"
                + "\"extra\":[1.5,null]}\n", line(tree));
        assertEquals("{\"a\":null,\"b\":2.0}\n",
                line(RunJson.tree(Map.of("b", 2.0, "a", Float.NaN))));
    }

    @Test
    void mapKeysAreSortedSoMapOfWritesTheSameTextEveryRun() {
        assertEquals("{\"alpha\":1,\"beta\":{\"x\":1,\"y\":2},\"gamma\":3}\n",
                line(RunJson.tree(Map.of("gamma", 3, "beta", Map.of("y", 2, "x", 1), "alpha", 1))));
    }

    @Test
    void doublesAndFloatsReadBackBitForBit() throws Exception {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            double d = Double.longBitsToDouble(random.nextLong());
            float f = Float.intBitsToFloat(random.nextInt());
            if (!Double.isFinite(d) || !Float.isFinite(f)) {
                continue;
            }
            JsonNode back = JsonFields.mapper().readTree(RunJson.line(RunJson.tree(
                    Map.of("d", d, "f", f))));
            assertEquals(Double.doubleToRawLongBits(d),
                    Double.doubleToRawLongBits(back.get("d").doubleValue()));
            assertEquals(Float.floatToRawIntBits(f),
                    Float.floatToRawIntBits((float) back.get("f").doubleValue()));
        }
    }

    @Test
    void putNumberWritesNullAndPutOptionalLeavesOut() {
        ObjectNode node = RunJson.newObject();
        RunJson.putNumber(node, "a", Double.NaN);
        RunJson.putNumber(node, "b", 0.25);
        RunJson.putOptional(node, "c", Double.POSITIVE_INFINITY);
        RunJson.putOptional(node, "d", -1e-300);
        assertEquals("{\"a\":null,\"b\":0.25,\"d\":-1.0E-300}\n", line(node));
    }

    @Test
    void prettyFilesEndWithANewlineAndObjectsAreRequired() {
        String text = new String(RunJson.pretty(RunJson.tree(Map.of("k", 16))),
                StandardCharsets.UTF_8);
        assertTrue(text.startsWith("{\n") && text.endsWith("}\n"), text);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RunJson.object(List.of(1, 2), "the run's config"));
        assertEquals("the run's config must serialise to a JSON object, found ARRAY", e.getMessage());
    }
}
