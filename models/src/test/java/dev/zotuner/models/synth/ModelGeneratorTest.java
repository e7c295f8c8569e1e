package dev.zotuner.models.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Representations;
import dev.zotuner.models.runtime.OrtSessions;
import java.io.IOException;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ModelGeneratorTest {

    private static final List<String> TINY = List.of("bert-tiny", "roberta-tiny", "opt-tiny", "llama-tiny");
    private static final long[][] IDS = {{5, 17, 300, 41, 9, 77}, {12, 600, 3, 8, 0, 0}};
    private static final long[][] MASK = {{1, 1, 1, 1, 1, 1}, {1, 1, 1, 1, 0, 0}};

    @TempDir
    Path tmp;

    static Stream<Arguments> tinyShapesInEveryLayout() {
        return TINY.stream().flatMap(s -> Stream.of(ExportLayout.values()).map(l -> Arguments.of(s, l)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("tinyShapesInEveryLayout")
    void generatesAModelThatPlainOrtAndZoBothRun(String shapeName, ExportLayout layout) throws Exception {
        ModelShape shape = ModelShape.named(shapeName);
        Path dir = tmp.resolve("model");
        GeneratedModel m = ModelGenerator.generate(shape, layout, dir, 7, GeneratorProgress.NONE);
        assertEquals(ModelGenerator.parameters(shape), m.parameters());
        assertEquals(m.parameters() + (long) shape.vocab() * shape.hidden(), m.weightValues(), "one tied transposed copy");
        assertTrue(Files.isRegularFile(dir.resolve(layout.graphFile())));
        assertTrue(Files.isRegularFile(dir.resolve("config.json")) && Files.isRegularFile(dir.resolve("tokenizer.json")));
        float[][][] logits = ort(dir.resolve(layout.graphFile()), shape);
        assertEquals(2, logits.length);
        assertEquals(IDS[0].length, logits[0].length);
        assertEquals(shape.vocab(), logits[0][0].length);
        for (float[][] row : logits) {
            for (float[] position : row) {
                for (float v : position) {
                    assertTrue(Float.isFinite(v));
                }
            }
        }
        try (LanguageModel lm = LanguageModel.load(ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache")))) {
            assertEquals(shape.architecture().kind(), lm.kind());
            assertEquals(shape.vocab(), lm.tokenizer().vocabularySize());
            assertEquals(m.parameters(), lm.parameters().size(), "the tied copy is trained as one with the embedding");
            String prompt = lm.kind() == ModelKind.MLM ? "a great film . it was "
                    + lm.tokenizer().token(lm.tokenizer().maskId().orElseThrow()) + " ." : "a great film . it was";
            Representations r = lm.forward(List.of(prompt, prompt + " really"));
            assertEquals(shape.vocab(), r.dim());
        }
    }

    @Test
    void externalLayoutsPutTheWeightsWhereTheirNameSays() throws IOException {
        ModelShape opt = ModelShape.named("opt-tiny");
        ModelGenerator.generate(opt, ExportLayout.TORCH, tmp.resolve("torch"), 1, GeneratorProgress.NONE);
        assertTrue(Files.isRegularFile(tmp.resolve("torch/model.decoder.embed_tokens.weight")));
        assertFalse(Files.isRegularFile(tmp.resolve("torch/model.decoder.layers.1.fc2.bias")), "a 128-byte bias stays inline");
        try (Stream<Path> files = Files.list(tmp.resolve("torch"))) {
            assertTrue(files.anyMatch(f -> f.getFileName().toString().startsWith("onnx__MatMul_")));
        }
        ModelGenerator.generate(opt, ExportLayout.OPTIMUM, tmp.resolve("optimum"), 1, GeneratorProgress.NONE);
        assertTrue(Files.size(tmp.resolve("optimum/model.onnx_data")) > Files.size(tmp.resolve("optimum/model.onnx")));
        ModelGenerator.generate(opt, ExportLayout.ONNX_DATA, tmp.resolve("data"), 1, GeneratorProgress.NONE);
        assertTrue(Files.isRegularFile(tmp.resolve("data/model.onnx.data")));
        ModelGenerator.generate(opt, ExportLayout.SUBFOLDER, tmp.resolve("sub"), 1, GeneratorProgress.NONE);
        assertTrue(Files.isRegularFile(tmp.resolve("sub/onnx/model.onnx_data")));
        assertTrue(Files.isRegularFile(tmp.resolve("sub/tokenizer.json")));
    }

    @Test
    void sameSeedSameBytesOtherSeedOtherWeights() throws IOException {
        ModelShape bert = ModelShape.named("bert-tiny");
        ModelGenerator.generate(bert, ExportLayout.INLINE, tmp.resolve("a"), 3, GeneratorProgress.NONE);
        ModelGenerator.generate(bert, ExportLayout.INLINE, tmp.resolve("b"), 3, GeneratorProgress.NONE);
        ModelGenerator.generate(bert, ExportLayout.INLINE, tmp.resolve("c"), 4, GeneratorProgress.NONE);
        byte[] a = Files.readAllBytes(tmp.resolve("a/model.onnx"));
        assertArrayEquals(a, Files.readAllBytes(tmp.resolve("b/model.onnx")));
        assertFalse(Arrays.equals(a, Files.readAllBytes(tmp.resolve("c/model.onnx"))));
    }

    @Test
    void refusesANonEmptyDirectoryAndReportsProgress() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("busy"));
        Files.writeString(dir.resolve("keep.txt"), "mine");
        ModelException e = assertThrows(ModelException.class, () ->
                ModelGenerator.generate(ModelShape.named("opt-tiny"), ExportLayout.AUTO, dir, 1, GeneratorProgress.NONE));
        assertTrue(e.getMessage().contains("not empty"), e.getMessage());
        assertEquals("mine", Files.readString(dir.resolve("keep.txt")));
        long[] last = new long[2];
        GeneratedModel m = ModelGenerator.generate(ModelShape.named("opt-tiny"), ExportLayout.AUTO, tmp.resolve("new"), 1,
                (tensor, done, total) -> {
                    assertTrue(done > last[0] && done <= total);
                    last[0] = done;
                    last[1] = total;
                });
        assertEquals(ExportLayout.INLINE, m.layout());
        assertEquals(m.weightValues() * Float.BYTES, last[1]);
        assertEquals(last[1], last[0]);
    }

    @Test
    void fullSizeShapesHaveTheParameterCountsOfTheirHuggingFaceModels() {
        assertEquals(109_514_298L, ModelGenerator.parameters(ModelShape.named("bert-base")));
        assertEquals(355_412_057L, ModelGenerator.parameters(ModelShape.named("roberta-large")));
        assertEquals(1_315_758_080L, ModelGenerator.parameters(ModelShape.named("opt-1.3b")));
        assertEquals(1_235_814_400L, ModelGenerator.parameters(ModelShape.named("llama-3.2-1b")));
    }

    /** Logits of {@link #IDS} (ids taken modulo the vocabulary) from a plain ONNX Runtime session. */
    static float[][][] ort(Path onnx, ModelShape shape) throws OrtException {
        OrtEnvironment env = OrtSessions.environment();   // the JVM's one environment (zo's global thread pool)
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
             OrtSession session = env.createSession(onnx.toString(), options)) {
            Map<String, OnnxTensor> inputs = new HashMap<>();
            try {
                for (String name : session.getInputNames()) {
                    long[] values = new long[IDS.length * IDS[0].length];
                    for (int b = 0; b < IDS.length; b++) {
                        for (int s = 0; s < IDS[0].length; s++) {
                            values[b * IDS[0].length + s] = switch (name) {
                                case "input_ids" -> IDS[b][s] % shape.vocab();
                                case "attention_mask" -> MASK[b][s];
                                case "position_ids" -> s;
                                default -> 0;
                            };
                        }
                    }
                    inputs.put(name, OnnxTensor.createTensor(env, LongBuffer.wrap(values), new long[] {IDS.length, IDS[0].length}));
                }
                try (OrtSession.Result r = session.run(inputs)) {
                    return (float[][][]) r.get("logits").orElseThrow().getValue();
                }
            } finally {
                inputs.values().forEach(OnnxTensor::close);
            }
        }
    }

}
