package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import dev.zotuner.models.Execution;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Representations;
import dev.zotuner.models.source.AttentionShape;
import dev.zotuner.models.testing.TinyDecoders;
import dev.zotuner.models.testing.TinyModels;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmptyPastTest {

    private static final Path FILE = Path.of("decoder_model.onnx");
    private static final List<String> TEXTS = List.of("it was", "the story was really very boring", "i loved this film");

    @TempDir
    Path tmp;

    @Test
    void findsTheCacheInputsWithTheirStaticDims() {
        EmptyPast past = EmptyPast.of(TinyDecoders.graph(false, false).getGraph(), AttentionShape.UNKNOWN, FILE);
        assertEquals(List.of("past_key_values.0.key", "past_key_values.0.value", "past_key_values.1.key",
                "past_key_values.1.value"), past.inputs().stream().map(EmptyPast.Past::name).toList());
        assertArrayEquals(new long[] {TinyDecoders.HEADS, 0, TinyDecoders.HEAD_DIM}, past.inputs().get(0).dims());
        assertEquals(List.of("present.0.key", "present.0.value", "present.1.key", "present.1.value"), past.dropped());
        assertEquals("past_key_values.0.key FLOAT [batch, 2, 0, 4] (empty)", past.describe().get(0));
        assertTrue(past.flags().isEmpty());
    }

    @Test
    void symbolicDimsComeFromTheConfigAndWithoutOneAreAOneLineError() {
        GraphProto graph = TinyDecoders.graph(true, false).getGraph();
        EmptyPast gqa = EmptyPast.of(graph, new AttentionShape(4, 1, 3), FILE);
        assertArrayEquals(new long[] {1, 0, 3}, gqa.inputs().get(3).dims(), "key/value heads, not query heads");
        assertNotEquals(gqa.cacheVariant(), EmptyPast.of(graph, new AttentionShape(2, 2, 4), FILE).cacheVariant());
        ModelException e = assertThrows(ModelException.class, () -> EmptyPast.of(graph, AttentionShape.UNKNOWN, FILE));
        assertEquals("decoder_model.onnx: input 'past_key_values.0.key': its heads dim 'num_heads' is symbolic and "
                + "config.json next to the model gives none (num_key_value_heads, num_attention_heads or n_head)",
                e.getMessage());
        ModelException width = assertThrows(ModelException.class,
                () -> EmptyPast.of(graph, new AttentionShape(2, 2, 0), FILE));
        assertTrue(width.getMessage().contains("its head width dim 'head_dim' is symbolic"), width.getMessage());
    }

    @Test
    void layoutsWeCannotFillAreRefusedByName() {
        GraphProto graph = TinyDecoders.graph(false, true).getGraph();
        GraphProto.Builder rank3 = graph.toBuilder();
        rank3.getInputBuilder(index(graph, "past_key_values.1.value")).getTypeBuilder().getTensorTypeBuilder()
                .getShapeBuilder().removeDim(3);
        assertEquals("decoder_model.onnx: input 'past_key_values.1.value' has 3 dims; only [batch, heads, "
                        + "past_sequence, head_dim] caches are supported",
                assertThrows(ModelException.class, () -> EmptyPast.of(rank3.build(), AttentionShape.UNKNOWN, FILE))
                        .getMessage());
        GraphProto.Builder fixed = graph.toBuilder();
        fixed.getInputBuilder(index(graph, "past_key_values.0.key")).getTypeBuilder().getTensorTypeBuilder()
                .getShapeBuilder().getDimBuilder(2).setDimValue(7);
        assertTrue(assertThrows(ModelException.class, () -> EmptyPast.of(fixed.build(), AttentionShape.UNKNOWN, FILE))
                .getMessage().contains("'past_key_values.0.key' fixes the past length at 7"));
        GraphProto.Builder intFlag = graph.toBuilder();
        intFlag.getInputBuilder(index(graph, "use_cache_branch")).getTypeBuilder().getTensorTypeBuilder()
                .setElemType(TensorProto.DataType.INT64_VALUE);
        assertEquals("decoder_model.onnx: input 'use_cache_branch' is INT64, expected BOOL",
                assertThrows(ModelException.class, () -> EmptyPast.of(intFlag.build(), AttentionShape.UNKNOWN, FILE))
                        .getMessage());
    }

    @Test
    void aGraphWithoutACacheIsLeftAlone() {
        Path dir = TinyModels.causal(tmp.resolve("plain"));
        OnnxFile file = OnnxFile.read(dir.resolve("model.onnx"));
        EmptyPast none = EmptyPast.of(file.proto().getGraph(), AttentionShape.UNKNOWN, file.path());
        assertTrue(none.isEmpty());
        assertEquals("", none.cacheVariant());
        assertSame(file, none.apply(file));
    }

    @Test
    void theRewriteFeedsEveryCacheInputAndDropsThePresents() {
        Path dir = TinyDecoders.merged(tmp.resolve("merged"));
        OnnxFile file = OnnxFile.read(dir.resolve("decoder_model_merged.onnx"));
        EmptyPast past = EmptyPast.of(file.proto().getGraph(), AttentionShape.UNKNOWN, file.path());
        assertEquals(List.of("use_cache_branch"), past.flags());
        ModelProto rewritten = past.apply(file).proto();
        assertEquals(List.of("input_ids", "attention_mask", "position_ids"),
                rewritten.getGraph().getInputList().stream().map(ValueInfoProto::getName).toList());
        assertEquals(List.of("logits"), rewritten.getGraph().getOutputList().stream().map(ValueInfoProto::getName).toList());
        TensorProto flag = rewritten.getGraph().getInitializerList().stream()
                .filter(t -> t.getName().equals("use_cache_branch")).findFirst().orElseThrow();
        assertEquals(TensorProto.DataType.BOOL_VALUE, flag.getDataType());
        assertArrayEquals(new byte[] {0}, flag.getRawData().toByteArray());
    }

    @Test
    void withPastAndMergedDecodersGiveTheLogitsOfTheDecoderWithoutPast() {
        Path twin = TinyModels.causal(tmp.resolve("twin"));
        Path withPast = TinyDecoders.withPast(tmp.resolve("past"), "decoder_model.onnx", false,
                "{\"architectures\":[\"GPT2LMHeadModel\"]}");
        Path symbolic = TinyDecoders.withPast(tmp.resolve("sym"), "onnx/model.onnx", true, TinyDecoders.CONFIG);
        Path merged = TinyDecoders.merged(tmp.resolve("merged"));
        for (Execution execution : List.of(Execution.whole(), Execution.defaults().withSplitBlocks(true))) {
            float[] expected = logits(twin, execution, 0);
            for (Path dir : List.of(withPast, symbolic, merged)) {
                assertArrayEquals(expected, logits(dir, execution, 0), dir + " " + execution);
            }
            float[] top = logits(twin, execution, 1);
            assertArrayEquals(top, logits(merged, execution, 1), "staged with a frozen prefix " + execution);
        }
    }

    @Test
    void feedingTheCacheBranchWouldChangeTheLogits() {
        Path merged = TinyDecoders.merged(tmp.resolve("merged"));
        OnnxFile file = OnnxFile.readWhole(merged.resolve("decoder_model_merged.onnx"));
        EmptyPast past = EmptyPast.of(file.proto().getGraph(), AttentionShape.UNKNOWN, file.path());
        EmptyPast wrongFlag = new EmptyPast(past.inputs(), List.of(), past.dropped());
        ModelProto.Builder b = wrongFlag.apply(file).proto().toBuilder();
        b.getGraphBuilder().removeInput(index(b.getGraph(), "use_cache_branch")).addInitializer(TensorProto.newBuilder()
                .setName("use_cache_branch").setDataType(TensorProto.DataType.BOOL_VALUE).addDims(1)
                .setRawData(com.google.protobuf.ByteString.copyFrom(new byte[] {1})));
        Path other = TinyModels.write(tmp.resolve("true-branch"), b.build(), dev.zotuner.models.testing.TinyTokenizers.gpt(),
                TinyDecoders.CONFIG);
        assertFalse(java.util.Arrays.equals(logits(merged, Execution.whole(), 0), logits(other, Execution.whole(), 0)),
                "the test model's cache branch differs, so the equality above checks the flag");
    }

    private float[] logits(Path dir, Execution execution, int topLayers) {
        ModelSpec spec = ModelSpec.of(dir.toString()).withCacheDir(tmp.resolve("cache")).withExecution(execution)
                .withTopLayers(topLayers);
        try (LanguageModel lm = LanguageModel.load(spec)) {
            assertEquals(ModelKind.CAUSAL, lm.kind());
            Representations r = lm.forward(TEXTS);
            return r.values();
        }
    }

    private static int index(GraphProto graph, String input) {
        for (int i = 0; i < graph.getInputCount(); i++) {
            if (graph.getInput(i).getName().equals(input)) {
                return i;
            }
        }
        throw new AssertionError(input);
    }
}
