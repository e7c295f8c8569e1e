package dev.zotuner.models.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.onnx.proto.OnnxMl.GraphProto;
import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import dev.zotuner.models.testing.TinyModels;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InlineModelTest {

    @Test
    void streamedPayloadsParseToTheModelWithItsDataInline() throws IOException {
        ModelProto model = TinyModels.graph("mlm", 1).weight("extra.huge", 0.1f, 40_000).build();
        GraphProto.Builder skeleton = model.getGraph().toBuilder();
        Map<String, ModelWriter.Payload> payloads = new LinkedHashMap<>();
        for (int i = 0; i < skeleton.getInitializerCount(); i++) {
            TensorProto t = skeleton.getInitializer(i);
            if (t.getDataType() == TensorProto.DataType.FLOAT_VALUE && t.getDimsCount() > 0) {
                byte[] raw = t.getRawData().toByteArray();
                payloads.put(t.getName(), out -> ModelWriter.writeFully(ByteBuffer.wrap(raw), out));
                skeleton.setInitializer(i, t.toBuilder().clearRawData());
            }
        }
        ModelProto stripped = model.toBuilder().setGraph(skeleton).build();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        InlineModel.write(stripped, payloads, Channels.newChannel(out));
        ModelProto back = ModelProto.parseFrom(out.toByteArray());
        assertEquals(model.getGraph().getNodeList(), back.getGraph().getNodeList());
        assertEquals(model.getOpsetImportList(), back.getOpsetImportList());
        for (int i = 0; i < model.getGraph().getInitializerCount(); i++) {
            assertEquals(model.getGraph().getInitializer(i), back.getGraph().getInitializer(i));
        }
        assertEquals(model.getSerializedSize(), out.size(), "same fields, same lengths, another order");
    }

    @Test
    void aPayloadOfTheWrongLengthIsRefused() {
        ModelProto model = TinyModels.graph("mlm", 1).build();
        GraphProto.Builder g = model.getGraph().toBuilder();
        TensorProto t = g.getInitializer(0);
        g.setInitializer(0, t.toBuilder().clearRawData());
        Map<String, ModelWriter.Payload> payloads = Map.of(t.getName(),
                out -> ModelWriter.writeFully(ByteBuffer.wrap(new byte[3]), out));
        assertThrows(IllegalStateException.class, () -> InlineModel.write(model.toBuilder().setGraph(g).build(), payloads,
                Channels.newChannel(new ByteArrayOutputStream())));
    }
}
