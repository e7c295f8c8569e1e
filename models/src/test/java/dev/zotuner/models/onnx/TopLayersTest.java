package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class TopLayersTest {

    private static final Path FILE = Path.of("model.onnx");
    private static final List<String> TINY = List.of("embeddings", "layer.0", "layer.0", "layer.1", "rest", "rest");

    @Test
    void topKIsTheHighestLayersAndRest() {
        Predicate<String> top1 = TopLayers.blocks(TINY, 1, FILE);
        assertEquals(List.of("layer.1", "rest"), TINY.stream().distinct().filter(top1).toList());
        Predicate<String> top2 = TopLayers.blocks(TINY, 2, FILE);
        assertEquals(List.of("layer.0", "layer.1", "rest"), TINY.stream().distinct().filter(top2).toList());
        assertTrue(TINY.stream().allMatch(TopLayers.blocks(TINY, 0, FILE)), "0 = every block");
        List<String> twelve = List.of("layer.2", "layer.10", "layer.11", "layer.9");
        Predicate<String> top2of12 = TopLayers.blocks(twelve, 2, FILE);
        assertTrue(top2of12.test("layer.10") && top2of12.test("layer.11"));
        assertFalse(top2of12.test("layer.9") || top2of12.test("layer.2"), "numeric, not lexicographic order");
    }

    @Test
    void kAboveTheLayerCountIsAnError() {
        ModelException e = assertThrows(ModelException.class, () -> TopLayers.blocks(TINY, 3, FILE));
        assertEquals("--train-layers top:3: model.onnx has 2 transformer layers", e.getMessage());
        ModelException none = assertThrows(ModelException.class, () -> TopLayers.blocks(List.of("rest"), 1, FILE));
        assertEquals("--train-layers top:1: model.onnx has 0 transformer layers (no layer.N weights)", none.getMessage());
    }

    @Test
    void restrictionNamesK() {
        assertEquals("", TopLayers.restriction(0));
        assertEquals(" in the top 1 layer or rest", TopLayers.restriction(1));
        assertEquals(" in the top 2 layers or rest", TopLayers.restriction(2));
    }
}
