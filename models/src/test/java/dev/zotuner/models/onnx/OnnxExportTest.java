package dev.zotuner.models.onnx;

import static dev.zotuner.models.testing.Initializers.floats;
import static dev.zotuner.models.testing.Initializers.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.Peft;
import dev.zotuner.models.Readout;
import dev.zotuner.models.runtime.ForwardPass;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlama.Layout;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxExportTest {

    private static final List<String> TEXTS = List.of("the movie was [MASK]", "a [MASK] film and a boring plot");

    @TempDir
    Path tmp;

    private static void randomize(Parameter p, SplittableRandom random, double scale) {
        for (int i = 0; i < p.size(); i++) {
            p.values().put(i, (float) ((random.nextDouble() * 2 - 1) * scale));
        }
    }

    /** The exported file run by plain ONNX Runtime, read out as the model reads its own graph. */
    private static float[] plainOrt(Path exported, LanguageModel lm) {
        TokenBatch batch = lm.tokenizer().encodeBatch(TEXTS);
        try (ForwardPass pass = ForwardPass.original(exported, lm.prepared().signature())) {
            return Readout.maskLogits(pass.run(batch), batch, lm.tokenizer().maskId().orElseThrow(), null).values();
        }
    }

    private static void assertClose(float[] expected, float[] actual) {
        double max = 0;
        double diff = 0;
        for (int i = 0; i < expected.length; i++) {
            max = Math.max(max, Math.abs(expected[i]));
            diff = Math.max(diff, Math.abs(expected[i] - actual[i]));
        }
        assertEquals(expected.length, actual.length);
        assertTrue(diff <= 1e-5 * max, "max difference " + diff + " vs max |value| " + max);
    }

    @Test
    void fullFineTuningReplacesTheTrainedInitializers() {
        Path dir = TinyModels.mlm(tmp.resolve("m"));
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(dir.toString()).withTopLayers(1), new ModelCache(tmp.resolve("c")));
        Parameter w = m.parameters().get("encoder.layer.1.dense.weight");
        w.values().put(5, 42f);
        OnnxExport.write(OnnxFile.read(m.files().onnx()), m.parameters(), tmp.resolve("out/model.onnx"));
        GraphProto g = OnnxFile.read(tmp.resolve("out/model.onnx")).proto().getGraph();
        TensorProto exported = g.getInitializerList().stream()
                .filter(t -> t.getName().equals("encoder.layer.1.dense.weight")).findFirst().orElseThrow();
        assertArrayEquals(values(w), floats(exported));
        assertEquals(42f, floats(exported)[5]);
    }

    @Test
    void loraIsMergedIntoItsWeightsAndTheFileEqualsTheAdaptedModel() {
        Path dir = TinyModels.mlm(tmp.resolve("m"));
        ModelSpec spec = ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("c"))
                .withPeft(Peft.lora(4, 6, "dense$|lm_head$", 3));
        try (LanguageModel lm = LanguageModel.load(spec)) {
            float[] before = lm.forward(TEXTS).values();
            SplittableRandom random = new SplittableRandom(17);
            lm.parameters().parameters().forEach(p -> randomize(p, random, 0.5));
            float[] adapted = lm.forward(TEXTS).values();
            Path out = tmp.resolve("export/model.onnx");
            OnnxFile original = OnnxFile.read(lm.prepared().files().onnx());
            OnnxExport.write(original, lm.parameters(), lm.prepared().adapters(), out);

            GraphProto g = OnnxFile.read(out).proto().getGraph();
            assertEquals(original.proto().getGraph().getNodeList(), g.getNodeList(), "no LoRA node is written");
            assertEquals(original.proto().getGraph().getInitializerList().stream().map(TensorProto::getName).toList(),
                    g.getInitializerList().stream().map(TensorProto::getName).toList());
            float[] merged = plainOrt(out, lm);
            assertClose(adapted, merged);
            assertTrue(maxDifference(before, merged) > 0.1, "the adapters changed the model");
        }
    }

    @Test
    void aSourceWithExternalDataIsExportedWithExternalDataThatOrtRunsAsTheTunedModel() throws IOException {
        Path dir = TinyModels.externalData(tmp.resolve("x"));
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("c")))) {
            float[] before = lm.forward(TEXTS).values();
            SplittableRandom random = new SplittableRandom(5);
            lm.parameters().parameters().forEach(p -> randomize(p, random, 0.5));
            float[] tuned = lm.forward(TEXTS).values();
            Path out = tmp.resolve("export/tuned.onnx");
            OnnxExport.write(OnnxFile.read(lm.prepared().files().onnx()), lm.parameters(), out);

            assertTrue(Files.isRegularFile(tmp.resolve("export/tuned.onnx.data")));
            List<TensorProto> external = OnnxFile.read(out).proto().getGraph().getInitializerList().stream()
                    .filter(TensorData::isExternal).toList();
            assertEquals(List.of("lm_head.weight", "embeddings.word_embeddings.weight"),
                    external.stream().map(TensorProto::getName).toList(), "the two tensors of at least 1 KiB");
            assertEquals("tuned.onnx.data", ExternalData.of(external.get(0), out.getParent()).file().getFileName().toString());
            float[] exported = plainOrt(out, lm);
            assertClose(tuned, exported);
            assertTrue(maxDifference(before, exported) > 0.1, "the export holds the tuned weights");
        }
        Path inline = tmp.resolve("inline/model.onnx");
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(TinyModels.mlm(tmp.resolve("m")).toString()),
                new ModelCache(tmp.resolve("c")));
        OnnxExport.write(OnnxFile.read(m.files().onnx()), m.parameters(), inline);
        assertFalse(Files.exists(ModelWriter.dataFile(inline)), "an inline source stays one file");
    }

    @Test
    void anUntrainedAIsTakenFromTheSeed() {
        Path dir = TinyModels.mlm(tmp.resolve("m"));
        ModelSpec spec = ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("c"))
                .withPeft(Peft.lora(2, 2, "dense$", 5)).withTrainable("lora_B$");
        try (LanguageModel lm = LanguageModel.load(spec)) {
            assertEquals(List.of("encoder.layer.0.dense.lora_B", "encoder.layer.1.dense.lora_B"),
                    lm.parameters().parameters().stream().map(Parameter::name).toList());
            SplittableRandom random = new SplittableRandom(3);
            lm.parameters().parameters().forEach(p -> randomize(p, random, 1));
            float[] adapted = lm.forward(TEXTS).values();
            Path out = tmp.resolve("export/model.onnx");
            OnnxExport.write(OnnxFile.read(lm.prepared().files().onnx()), lm.parameters(), lm.prepared().adapters(), out);
            assertClose(adapted, plainOrt(out, lm));
        }
    }

    @Test
    void adaptersMustBePassedAndTheirWeightsFound() {
        Path dir = TinyModels.mlm(tmp.resolve("m"));
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(dir.toString()).withPeft(Peft.lora(2, 2, "dense$", 5)),
                new ModelCache(tmp.resolve("c")));
        OnnxFile original = OnnxFile.read(m.files().onnx());
        Path out = tmp.resolve("x/model.onnx");
        ModelException forgotten = assertThrows(ModelException.class, () -> OnnxExport.write(original, m.parameters(), out));
        assertEquals(original.path() + ": has 0 of the 4 trained tensors; export needs the model the run was trained from",
                forgotten.getMessage());
        OnnxFile other = OnnxFile.read(TinyModels.encoder(tmp.resolve("e")).resolve("model.onnx"));
        LoraAdapter a = m.adapters().get(0);
        LoraAdapter elsewhere = new LoraAdapter(a.module(), "no.such.weight", a.a(), a.b(), a.in(), a.out(), a.rank(),
                a.scaling(), a.seed());
        ModelException missing = assertThrows(ModelException.class,
                () -> OnnxExport.write(other, m.parameters(), List.of(elsewhere, m.adapters().get(1)), out));
        assertEquals("LoRA adapter encoder.layer.0.dense: base weight no.such.weight is not in " + other.path()
                + "; export needs the model the run was trained from", missing.getMessage());
    }

    @Test
    void aSlicedHeadIsNeverExportedTheFileIsTheOriginalGraphAndLoadsAgain() throws IOException {
        List<String> causal = List.of("it was", "the story was really very boring");
        for (Path dir : List.of(TinyModels.mlm(tmp.resolve("mlm")), TinyLlama.write(tmp.resolve("llama"), Layout.MERGED, true))) {
            List<String> texts = dir.endsWith("mlm") ? TEXTS : causal;
            byte[][] files = new byte[2][];
            float[] tuned = null;
            Path out = null;
            for (boolean slice : new boolean[] {true, false}) {
                try (LanguageModel lm = LanguageModel.load(ModelSpec.of(dir.toString()).withSliceHead(slice)
                        .withCacheDir(tmp.resolve("c")))) {
                    assertEquals(slice, !lm.prepared().head().isEmpty());
                    SplittableRandom random = new SplittableRandom(9);
                    lm.parameters().parameters().forEach(p -> randomize(p, random, 0.5));
                    out = tmp.resolve("export-" + slice + "-" + dir.getFileName() + "/model.onnx");
                    OnnxFile original = OnnxFile.read(lm.prepared().files().onnx());
                    OnnxExport.write(original, lm.parameters(), lm.prepared().adapters(), lm.prepared().ties(), out);
                    files[slice ? 0 : 1] = Files.readAllBytes(out);
                    GraphProto g = OnnxFile.read(out).proto().getGraph();
                    assertEquals(original.proto().getGraph().getNodeList(), g.getNodeList(), "no gather is written");
                    assertEquals(original.proto().getGraph().getInputList(), g.getInputList(), "no zo_positions");
                    assertEquals(original.proto().getGraph().getOutputList(), g.getOutputList(), "logits at every position");
                    if (slice) {
                        tuned = lm.forward(texts).values();
                    }
                }
            }
            assertArrayEquals(files[1], files[0], dir + ": the same file with the head sliced or whole");
            Files.copy(dir.resolve("tokenizer.json"), out.resolveSibling("tokenizer.json"));
            Files.copy(dir.resolve("config.json"), out.resolveSibling("config.json"));
            try (LanguageModel again = LanguageModel.load(ModelSpec.of(out.getParent().toString())
                    .withCacheDir(tmp.resolve("c")))) {
                assertFalse(again.prepared().head().isEmpty(), "sliced again when loaded");
                assertClose(tuned, again.forward(texts).values());
            }
        }
    }

    private static double maxDifference(float[] a, float[] b) {
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]));
        }
        return d;
    }
}
