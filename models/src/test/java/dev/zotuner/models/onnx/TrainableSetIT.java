package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.Peft;
import dev.zotuner.models.Readout;
import dev.zotuner.models.runtime.ForwardPass;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.source.ModelLocator;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Top-K, BitFit and LoRA on the real default model (all-MiniLM-L6-v2: 6 layers, width 384). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrainableSetIT {

    /** One layer of MiniLM: Q, K, V, attention output (384² + 384 each), FFN in and out, two LayerNorms. */
    private static final long LAYER = 4 * (384 * 384 + 384) + 384 * 1536 + 1536 + 1536 * 384 + 384 + 4 * 384;
    private static final List<String> SENTENCES = List.of("A man is playing a guitar.",
            "it's a charming and often affecting journey.");

    private Path cache;
    private OnnxFile onnx;

    @BeforeAll
    void locate() throws IOException {
        cache = Files.createTempDirectory("zo-peft-it");
        onnx = OnnxFile.read(ModelLocator.locate(ModelSpec.defaults(), new ModelCache(cache)).onnx());
    }

    @AfterAll
    void clean() throws IOException {
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static long size(TrainableSet s) {
        return s.tensors().stream().mapToLong(TensorData::elementCount).sum();
    }

    @Test
    void topTwoLayersAreTwoLayersOfWeights() {
        TrainableSet top2 = TrainableSet.choose(onnx, null, 2, Peft.none());
        assertEquals(1_774_464L, LAYER);
        assertEquals(2 * LAYER, size(top2));
        assertTrue(top2.tensors().stream().allMatch(t -> List.of("layer.4", "layer.5").contains(top2.blocks().get(t.getName()))));
        ModelException e = assertThrows(ModelException.class, () -> TrainableSet.choose(onnx, null, 7, Peft.none()));
        assertEquals("--train-layers top:7: " + onnx.path() + " has 6 transformer layers", e.getMessage());
    }

    @Test
    void bitFitTrainsTheBiasesAndOptionallyTheLayerNorms() {
        long biases = 6 * (4 * 384 + 1536 + 384);
        assertEquals(20_736L, biases);
        TrainableSet bitFit = TrainableSet.choose(onnx, null, 0, Peft.bitfit(false));
        assertEquals(biases, size(bitFit));
        assertTrue(bitFit.tensors().stream().allMatch(t -> t.getName().endsWith(".bias") && !t.getName().contains("LayerNorm")));
        assertEquals(biases + 2 * 384 + 6 * 4 * 384, size(TrainableSet.choose(onnx, null, 0, Peft.bitfit(true))));
        assertEquals(30_720L, size(TrainableSet.choose(onnx, null, 0, Peft.bitfit(true))));
        assertEquals(2 * (4 * 384 + 1536 + 384), size(TrainableSet.choose(onnx, null, 2, Peft.bitfit(false))));
    }

    @Test
    void loraDefaultsAdaptQueryAndValueOfEveryLayer() {
        TrainableSet lora = TrainableSet.choose(onnx, null, 0, Peft.lora(1));
        List<String> modules = new ArrayList<>();
        for (int layer = 0; layer < 6; layer++) {
            modules.add("encoder.layer." + layer + ".attention.self.query");
            modules.add("encoder.layer." + layer + ".attention.self.value");
        }
        assertEquals(modules, lora.adapters().stream().map(LoraAdapter::module).toList());
        assertEquals(24, lora.tensors().size());
        assertEquals(73_728L, size(lora));
        assertEquals(6L * 2 * (384 * 8 + 8 * 384), size(lora));
        for (TensorProto t : lora.tensors()) {
            assertEquals(t.getName().replaceAll("^encoder\\.(layer\\.\\d+)\\..*", "$1"), lora.blocks().get(t.getName()));
        }
        assertEquals(4L * (384 * 8 + 8 * 384), size(TrainableSet.choose(onnx, null, 2, Peft.lora(1))));
    }

    @Test
    void loraRunsEqualsTheBaseAtStartAndExportsMergedWeightsPlainOrtAgreesWith() {
        ModelSpec spec = ModelSpec.defaults().withCacheDir(cache);
        float[] base;
        try (LanguageModel lm = LanguageModel.load(spec)) {
            base = lm.forward(SENTENCES).values();
        }
        try (LanguageModel lm = LanguageModel.load(spec.withPeft(Peft.lora(1)))) {
            assertEquals(73_728L, lm.parameters().size());
            assertArrayEquals(base, lm.forward(SENTENCES).values(), 1e-6f, "B = 0: the adapted model is the base model");
            SplittableRandom random = new SplittableRandom(5);
            for (Parameter p : lm.parameters().parameters()) {
                if (p.name().endsWith("lora_B")) {
                    for (int i = 0; i < p.size(); i++) {
                        p.values().put(i, (float) ((random.nextDouble() * 2 - 1) * 0.05));
                    }
                }
            }
            float[] adapted = lm.forward(SENTENCES).values();
            Path out = cache.resolve("export/model.onnx");
            OnnxExport.write(OnnxFile.read(lm.prepared().files().onnx()), lm.parameters(), lm.prepared().adapters(), out);
            TokenBatch batch = lm.tokenizer().encodeBatch(SENTENCES);
            float[] merged;
            try (ForwardPass plain = ForwardPass.original(out, lm.prepared().signature())) {
                merged = Readout.pooled(plain.run(batch), batch, lm.prepared().files().pooling(),
                        lm.prepared().files().normalize()).values();
            }
            double diff = 0;
            double moved = 0;
            for (int i = 0; i < adapted.length; i++) {
                diff = Math.max(diff, Math.abs(adapted[i] - merged[i]));
                moved = Math.max(moved, Math.abs(adapted[i] - base[i]));
            }
            assertTrue(diff <= 1e-5, "merged export vs adapted model: " + diff);
            assertTrue(moved > 1e-3, "the adapters moved the embeddings: " + moved);
        }
    }
}
