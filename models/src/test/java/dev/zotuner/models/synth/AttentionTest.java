package dev.zotuner.models.synth;

import static dev.zotuner.models.synth.GraphRunner.in;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.onnx.proto.OnnxMl.TensorProto;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttentionTest {

    private static final int INT64 = TensorProto.DataType.INT64_VALUE;
    private static final int FLOAT = TensorProto.DataType.FLOAT_VALUE;
    private static final long[] MASK = {1, 1, 1, 1, 1, 1, 0, 0};

    @TempDir
    Path tmp;

    @Test
    void causalMaskHidesLaterTokensAndPadding() throws Exception {
        GraphBuilder g = new GraphBuilder("t", 1);
        Attention att = new Attention(new Modules(g));
        g.input("input_ids", INT64, "b", "s");
        g.input("attention_mask", INT64, "b", "s");
        g.opTo("y", "/o", "Identity", List.of(att.causalMask("/model", "input_ids", "attention_mask")));
        g.output("y", FLOAT, "b", 1, "s", "s");
        float[] y;
        try (GraphRunner r = new GraphRunner(g.build(), tmp)) {
            y = r.run("y", Map.of("input_ids", in(new long[8], 2, 4), "attention_mask", in(MASK, 2, 4)));
        }
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 4; i++) {
                for (int j = 0; j < 4; j++) {
                    boolean seen = j <= i && MASK[b * 4 + j] == 1;
                    assertEquals(seen ? 0f : Attention.MASKED, y[b * 16 + i * 4 + j], 0f, "row " + b + " query " + i + " key " + j);
                }
            }
        }
    }

    @Test
    void paddingMaskHidesOnlyPadding() throws Exception {
        GraphBuilder g = new GraphBuilder("t", 1);
        Attention att = new Attention(new Modules(g));
        g.input("attention_mask", INT64, "b", "s");
        g.opTo("y", "/o", "Identity", List.of(att.paddingMask("/bert", "attention_mask")));
        g.output("y", FLOAT, "b", 1, 1, "s");
        try (GraphRunner r = new GraphRunner(g.build(), tmp)) {
            float[] y = r.run("y", Map.of("attention_mask", in(MASK, 2, 4)));
            for (int i = 0; i < MASK.length; i++) {
                assertEquals(MASK[i] == 1 ? 0f : Attention.MASKED, y[i], 0f);
            }
        }
    }

    @Test
    void rotateIsXCosPlusRotateHalfSin() throws Exception {
        GraphBuilder g = new GraphBuilder("t", 1);
        Attention att = new Attention(new Modules(g));
        for (String n : List.of("x", "cos", "sin")) {
            g.input(n, FLOAT, 1, 1, 1, 4);
        }
        g.opTo("y", "/o", "Identity", List.of(att.rotate("/a", "x", "cos", "sin", 4)));
        g.output("y", FLOAT, 1, 1, 1, 4);
        float[] x = {1, 2, 3, 4};
        float[] cos = {0.5f, 0.25f, 0.5f, 0.25f};
        float[] sin = {0.1f, 0.2f, 0.1f, 0.2f};
        try (GraphRunner r = new GraphRunner(g.build(), tmp)) {
            float[] y = r.run("y", Map.of("x", in(x, 1, 1, 1, 4), "cos", in(cos, 1, 1, 1, 4), "sin", in(sin, 1, 1, 1, 4)));
            float[] half = {-3, -4, 1, 2};
            for (int i = 0; i < 4; i++) {
                assertEquals(x[i] * cos[i] + half[i] * sin[i], y[i], 1e-6);
            }
        }
    }

    @Test
    void repeatGivesEachKeyValueHeadToConsecutiveQueryHeads() throws Exception {
        GraphBuilder g = new GraphBuilder("t", 1);
        Attention att = new Attention(new Modules(g));
        g.input("kv", FLOAT, 1, 2, 3, 2);
        g.opTo("y", "/o", "Identity", List.of(att.repeat("/a", "kv", 2, 3, 2)));
        g.output("y", FLOAT, 1, 6, 3, 2);
        float[] kv = new float[12];
        for (int i = 0; i < kv.length; i++) {
            kv[i] = i;
        }
        try (GraphRunner r = new GraphRunner(g.build(), tmp)) {
            float[] y = r.run("y", Map.of("kv", in(kv, 1, 2, 3, 2)));
            assertEquals(36, y.length);
            for (int head = 0; head < 6; head++) {
                for (int k = 0; k < 6; k++) {
                    assertEquals(kv[(head / 3) * 6 + k], y[head * 6 + k], "query head " + head);
                }
            }
        }
    }
}
