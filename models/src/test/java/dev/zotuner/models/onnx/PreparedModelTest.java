package dev.zotuner.models.onnx;

import static dev.zotuner.models.testing.Initializers.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.models.Peft;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlamaLayers;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PreparedModelTest {

    @TempDir
    Path tmp;

    private PreparedModel prepare(ModelSpec spec) {
        return PreparedModel.prepare(spec, new ModelCache(tmp.resolve("cache")));
    }

    @Test
    void weightsAreCopiedBlockByBlockWithTheirValues() {
        Path dir = TinyModels.mlm(tmp.resolve("m"));
        PreparedModel m = prepare(ModelSpec.of(dir.toString()));
        ParameterStore store = m.parameters();
        assertEquals(TinyModels.MLM_PARAMETERS, store.size());
        assertEquals(List.of("embeddings", "layer.0", "layer.1", "rest"),
                store.blocks().stream().map(b -> b.name()).toList());
        assertEquals(ModelKind.MLM, m.kind());
        OnnxFile original = OnnxFile.read(dir.resolve("model.onnx"));
        for (TensorProto t : original.proto().getGraph().getInitializerList()) {
            if (!store.contains(t.getName())) {
                continue;
            }
            Parameter p = store.get(t.getName());
            float[] expected = dev.zotuner.models.testing.Initializers.floats(original, t.getName());
            for (int i = 0; i < p.size(); i++) {
                assertEquals(expected[i], p.values().get(i), t.getName() + "[" + i + "]");
            }
        }
        assertEquals(1, store.get("encoder.layer.0.dense.bias").shape().length);
        assertTrue(!store.get("encoder.layer.0.dense.bias").decays() && store.get("onnx::MatMul_100").decays());
    }

    @Test
    void theBaseWeightsAreReadAgainFromTheFilesExactlyAsLoaded() {
        for (Path dir : List.of(TinyModels.mlm(tmp.resolve("m")), TinyModels.externalData(tmp.resolve("e")),
                TinyModels.tiedMlm(tmp.resolve("t")))) {
            for (ModelSpec spec : List.of(ModelSpec.of(dir.toString()), ModelSpec.of(dir.toString()).withPeft(Peft.lora(4, 8, "dense$", 3)))) {
                PreparedModel m = prepare(spec);
                ParameterStore store = m.parameters();
                float[] loaded = store.snapshot();
                for (Parameter p : store.parameters()) {
                    p.values().put(0, 42f);
                }
                m.restoreBase(store);
                assertArrayEquals(loaded, store.snapshot(), dir + " " + spec.peft());
            }
        }
    }

    @Test
    void rewrittenGraphIsCachedByContentAndReused() throws IOException {
        Path dir = TinyModels.encoder(tmp.resolve("e"));
        PreparedModel first = prepare(ModelSpec.of(dir.toString()));
        assertTrue(Files.isRegularFile(first.rewritten()));
        assertTrue(first.rewritten().startsWith(tmp.resolve("cache/rewritten")));
        long stamp = Files.getLastModifiedTime(first.rewritten()).toMillis();
        PreparedModel second = prepare(ModelSpec.of(dir.toString()));
        assertEquals(first.rewritten(), second.rewritten());
        assertEquals(stamp, Files.getLastModifiedTime(second.rewritten()).toMillis());
        PreparedModel frozen = prepare(ModelSpec.of(dir.toString()).withTrainable("^(?!embeddings/)"));
        assertTrue(!frozen.rewritten().equals(first.rewritten()));
        assertEquals(2 * (8 * 8 + 8), frozen.parameters().size());
    }

    @Test
    void externalDataLoadsAndTraversalIsRefused() {
        PreparedModel ext = prepare(ModelSpec.of(TinyModels.externalData(tmp.resolve("x")).toString()));
        PreparedModel inline = prepare(ModelSpec.of(TinyModels.mlm(tmp.resolve("i")).toString()));
        assertEquals(FloatBuffer.wrap(inline.parameters().snapshot()), FloatBuffer.wrap(ext.parameters().snapshot()));
        Path evil = TinyModels.externalData(tmp.resolve("evil/model"), "../weights.bin");
        ModelException e = assertThrows(ModelException.class, () -> prepare(ModelSpec.of(evil.toString())));
        assertTrue(e.getMessage().contains("external data location '../weights.bin' escapes the model directory"),
                e.getMessage());
    }
    @Test
    void topLayersAndBitFitNarrowTheStore() {
        Path dir = TinyModels.mlm(tmp.resolve("m"));
        PreparedModel top = prepare(ModelSpec.of(dir.toString()).withTopLayers(1));
        assertEquals(List.of("layer.1", "rest"), top.parameters().blocks().stream().map(b -> b.name()).toList());
        assertEquals(8 * 8 + 8 + 8 * 35 + 35, top.parameters().size());
        assertTrue(top.adapters().isEmpty());
        PreparedModel bitFit = prepare(ModelSpec.of(dir.toString()).withPeft(Peft.bitfit(false)));
        assertEquals(8 + 8 + 35, bitFit.parameters().size());
        assertTrue(!bitFit.rewritten().equals(top.rewritten()));
    }

    @Test
    void topLayersLeaveATiedHeadFrozenUnlessTheRunPredatesKeptTies() {
        Path dir = TinyLlama.write(tmp.resolve("tied"), TinyLlama.Layout.MERGED, true);
        ModelSpec top1 = ModelSpec.of(dir.toString()).withTopLayers(1);
        PreparedModel kept = prepare(top1);
        assertEquals(TinyLlama.LAYER_PARAMETERS + TinyLlama.HIDDEN, kept.parameters().size());
        assertEquals(List.of(TinyLlamaLayers.LM_HEAD + TinyLlama.MERGED_SUFFIX),
                kept.ties().frozen().stream().map(TiedWeights.Tie::partner).toList());
        PreparedModel split = prepare(top1.withKeepTies(false));
        assertEquals(TinyLlama.LAYER_PARAMETERS + TinyLlama.HIDDEN + TinyLlama.EMBEDDING_PARAMETERS,
                split.parameters().size(), "as runs made before kept ties trained it");
        assertTrue(split.ties().frozen().isEmpty());
        assertTrue(prepare(top1.withTieWeights(false)).ties().frozen().isEmpty(), "--untie-weights splits ties");
        assertEquals(TinyLlama.PARAMETERS, prepare(ModelSpec.of(dir.toString())).parameters().size());
    }

    @Test
    void loraStoresTheAdaptersAndItsRewriteIsKeyedByRankAlphaAndTargetsNotSeed() {
        Path dir = TinyModels.mlm(tmp.resolve("m"));
        ModelSpec spec = ModelSpec.of(dir.toString());
        PreparedModel lora = prepare(spec.withPeft(Peft.lora(4, 8, "dense$", 1)));
        assertEquals(List.of("encoder.layer.0.dense.lora_A", "encoder.layer.0.dense.lora_B",
                "encoder.layer.1.dense.lora_A", "encoder.layer.1.dense.lora_B"),
                lora.parameters().parameters().stream().map(Parameter::name).toList());
        assertEquals(List.of("layer.0", "layer.1"), lora.parameters().blocks().stream().map(b -> b.name()).toList());
        assertEquals(2, lora.adapters().size());
        assertArrayEquals(lora.adapters().get(0).initialA(), values(lora.parameters().get("encoder.layer.0.dense.lora_A")));
        PreparedModel otherSeed = prepare(spec.withPeft(Peft.lora(4, 8, "dense$", 2)));
        assertEquals(lora.rewritten(), otherSeed.rewritten(), "A's values are inputs, not part of the file");
        assertTrue(!Arrays.equals(values(lora.parameters().get("encoder.layer.0.dense.lora_A")),
                values(otherSeed.parameters().get("encoder.layer.0.dense.lora_A"))));
        assertTrue(!lora.rewritten().equals(prepare(spec.withPeft(Peft.lora(4, 2, "dense$", 1))).rewritten()), "α");
        assertTrue(!lora.rewritten().equals(prepare(spec.withPeft(Peft.lora(2, 8, "dense$", 1))).rewritten()), "rank");
        assertTrue(!lora.rewritten().equals(prepare(spec.withPeft(Peft.lora(4, 8, "dense$|lm_head", 1))).rewritten()));
        assertTrue(!lora.rewritten().equals(prepare(spec).rewritten()));
    }

}
