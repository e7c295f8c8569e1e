package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.Peft;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlamaLayers;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.testing.TinyTokenizers;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainableSetTest {

    @TempDir
    Path tmp;

    private OnnxFile mlm() {
        return OnnxFile.read(TinyModels.mlm(tmp.resolve("m")).resolve("model.onnx"));
    }

    /** The tiny MLM plus a LayerNorm scale in layer 1 (read only, never run). */
    private OnnxFile mlmWithLayerNorm() {
        Path dir = TinyModels.write(tmp.resolve("ln"), TinyModels.graph("mlm", 1)
                .weight("encoder.layer.1.output.LayerNorm.weight", 1, TinyModels.HIDDEN).build(),
                TinyTokenizers.bert(), "{}");
        return OnnxFile.read(dir.resolve("model.onnx"));
    }

    private static List<String> names(TrainableSet s) {
        return s.tensors().stream().map(TensorProto::getName).toList();
    }

    @Test
    void topLayersKeepsTheHighestLayersAndTheHeadAndCombinesWithThePattern() {
        OnnxFile f = mlm();
        TrainableSet top1 = TrainableSet.choose(f, null, 1, Peft.none());
        assertEquals(List.of("encoder.layer.1.dense.weight", "encoder.layer.1.dense.bias", "lm_head.weight",
                "lm_head.bias"), names(top1));
        assertSame(f, top1.file());
        assertEquals("", top1.variant());
        assertTrue(top1.adapters().isEmpty());
        assertEquals(List.of("encoder.layer.0.dense.bias", "encoder.layer.1.dense.bias", "lm_head.bias"),
                names(TrainableSet.choose(f, "bias$", 2, Peft.none())));
        assertEquals(List.of("onnx::MatMul_100"), names(TrainableSet.choose(f, "MatMul", 2, Peft.none())));
        ModelException e = assertThrows(ModelException.class, () -> TrainableSet.choose(f, null, 3, Peft.none()));
        assertEquals("--train-layers top:3: " + f.path() + " has 2 transformer layers", e.getMessage());
        ModelException nothing = assertThrows(ModelException.class, () -> TrainableSet.choose(f, "^layer\\.0/", 1, Peft.none()));
        assertEquals("--trainable '^layer\\.0/' matches no FLOAT weight in the top 1 layer or rest of " + f.path()
                + " (names look like 'layer.1/encoder.layer.1.dense.weight')", nothing.getMessage());
    }

    @Test
    void bitFitTrainsBiasesAndLayerNormOnlyWhenAsked() {
        OnnxFile f = mlmWithLayerNorm();
        assertEquals(List.of("encoder.layer.0.dense.bias", "encoder.layer.1.dense.bias", "lm_head.bias"),
                names(TrainableSet.choose(f, null, 0, Peft.bitfit(false))));
        assertEquals(List.of("encoder.layer.0.dense.bias", "encoder.layer.1.dense.bias", "lm_head.bias",
                "encoder.layer.1.output.LayerNorm.weight"), names(TrainableSet.choose(f, null, 0, Peft.bitfit(true))));
        assertEquals(List.of("encoder.layer.1.dense.bias", "lm_head.bias", "encoder.layer.1.output.LayerNorm.weight"),
                names(TrainableSet.choose(f, null, 1, Peft.bitfit(true))));
        assertEquals(List.of("encoder.layer.1.dense.bias"), names(TrainableSet.choose(f, "^layer", 1, Peft.bitfit(false))));
        ModelException e = assertThrows(ModelException.class, () -> TrainableSet.choose(f, "^embeddings/", 0, Peft.bitfit(false)));
        assertEquals("--trainable '^embeddings/' matches no BitFit bias in " + f.path()
                + " (names look like 'layer.0/encoder.layer.0.dense.bias')", e.getMessage());
    }

    @Test
    void loraTrainsTheAdaptersOnlyInTheBlocksOfTheirWeights() {
        OnnxFile f = mlm();
        TrainableSet all = TrainableSet.choose(f, null, 0, Peft.lora(4, 8, "dense$|lm_head$", 9));
        assertEquals(List.of("encoder.layer.0.dense", "encoder.layer.1.dense", "lm_head"),
                all.adapters().stream().map(LoraAdapter::module).toList());
        assertEquals(List.of("encoder.layer.0.dense.lora_A", "encoder.layer.0.dense.lora_B", "encoder.layer.1.dense.lora_A",
                "encoder.layer.1.dense.lora_B", "lm_head.lora_A", "lm_head.lora_B"), names(all));
        assertEquals("layer.0", all.blocks().get("encoder.layer.0.dense.lora_A"));
        assertEquals("layer.1", all.blocks().get("encoder.layer.1.dense.lora_B"));
        assertEquals("rest", all.blocks().get("lm_head.lora_A"));
        assertEquals(List.of(8L, 4L), all.tensors().get(0).getDimsList());
        assertEquals(List.of(4L, 35L), all.tensors().get(5).getDimsList());
        assertTrue(all.variant().startsWith("lora/1 r=4 alpha=8.0 targets=dense$|lm_head$"), all.variant());

        TrainableSet top1 = TrainableSet.choose(f, null, 1, Peft.lora(4, 8, "dense$|lm_head$", 9));
        assertEquals(List.of("encoder.layer.1.dense", "lm_head"), top1.adapters().stream().map(LoraAdapter::module).toList());
        assertTrue(top1.file().proto().getGraph().getNodeList().stream()
                .noneMatch(n -> n.getName().startsWith("/encoder/layer.0/dense/lora")), "no adapter below the top K");

        TrainableSet onlyB = TrainableSet.choose(f, "lora_B$", 0, Peft.lora(4, 8, "dense$", 9));
        assertEquals(List.of("encoder.layer.0.dense.lora_B", "encoder.layer.1.dense.lora_B"), names(onlyB));
        assertTrue(onlyB.variant().endsWith(" seed=9"), "a frozen A is part of the rewritten file: " + onlyB.variant());
    }

    @Test
    void loraVariantNamesRankAlphaAndTargetsButNotTheSeed() {
        OnnxFile f = mlm();
        String base = TrainableSet.choose(f, null, 0, Peft.lora(4, 8, "dense$", 1)).variant();
        assertEquals(base, TrainableSet.choose(f, null, 0, Peft.lora(4, 8, "dense$", 2)).variant());
        assertNotEquals(base, TrainableSet.choose(f, null, 0, Peft.lora(2, 8, "dense$", 1)).variant());
        assertNotEquals(base, TrainableSet.choose(f, null, 0, Peft.lora(4, 16, "dense$", 1)).variant());
        assertNotEquals(base, TrainableSet.choose(f, null, 0, Peft.lora(4, 8, "dense", 1)).variant());
        ModelException e = assertThrows(ModelException.class, () -> TrainableSet.choose(f, null, 1, Peft.lora(4, 8, "layer\\.0", 1)));
        assertEquals("--lora-targets 'layer\\.0' matches no MatMul weight in the top 1 layer or rest of " + f.path(),
                e.getMessage());
    }

    @Test
    void keptTiesFollowTheirPrimaryUnderTopKRegexAndLora() {
        OnnxFile f = OnnxFile.read(TinyLlama.write(tmp.resolve("tied"), TinyLlama.Layout.PLAIN, true).resolve("model.onnx"));
        String head = TinyLlamaLayers.LM_HEAD;
        TrainableSet split = TrainableSet.choose(f, null, 1, Peft.none());
        assertTrue(names(split).contains(head), "without kept ties top:1 trains the head's copy alone");
        TrainableSet kept = TrainableSet.choose(f, null, 1, Peft.none(), true);
        assertEquals(names(split).stream().filter(n -> !n.equals(head)).toList(), names(kept));
        assertEquals(List.of(new TiedWeights.Tie(TinyLlamaLayers.EMBED, head, true, 280)), kept.frozenTies());
        assertEquals(List.of(TinyLlamaLayers.EMBED, head), names(TrainableSet.choose(f, "^embeddings/", 0, Peft.none(), true)));
        assertEquals(1, TrainableSet.choose(f, null, 0, Peft.lora(4, 8, "lm_head$", 1), false).adapters().size());
        ModelException e = assertThrows(ModelException.class,
                () -> TrainableSet.choose(f, null, 0, Peft.lora(4, 8, "lm_head$", 1), true));
        assertEquals("--lora-targets 'lm_head$' matches no MatMul weight (tied weights excluded) of " + f.path(),
                e.getMessage());
        assertEquals(4, TrainableSet.choose(f, null, 0, Peft.lora(1), true).adapters().size(), "q_proj, v_proj");
    }
}
