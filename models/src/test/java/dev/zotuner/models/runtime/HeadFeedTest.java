package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.ReadPositions;
import dev.zotuner.models.onnx.HeadSlice;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.tokenizer.Encoding;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HeadFeedTest {

    @TempDir
    Path tmp;

    private PreparedModel prepare(ModelSpec spec) {
        return PreparedModel.prepare(spec, new ModelCache(tmp.resolve("cache")));
    }

    private static TokenBatch batch() {
        return TokenBatch.pad(List.of(new Encoding(new long[] {2, 4, 9}, new long[] {1, 1, 1}, new long[3]),
                new Encoding(new long[] {2, 7}, new long[] {1, 1}, new long[2])), 0);
    }

    @Test
    void aSlicedHeadIsFedEachRowsPositionAndARowWithoutAMaskPositionZero() throws Exception {
        PreparedModel m = prepare(ModelSpec.of(TinyModels.mlm(tmp.resolve("mlm")).toString()));
        HeadFeed feed = HeadFeed.of(m, ReadPositions.mask(4));
        assertTrue(feed.sliced());
        assertEquals(HeadSlice.INPUT, feed.input());
        assertArrayEquals(new int[] {1, 0}, feed.positions(batch()));
        assertEquals(1, feed.seq(batch()));
        try (OnnxTensor t = feed.tensor(batch())) {
            assertArrayEquals(new long[] {2, 1, 1}, t.getInfo().getShape());
            assertArrayEquals(new long[] {1, 0}, t.getLongBuffer().array());
        }
        OutputView v = feed.view(FloatBuffer.wrap(new float[6]), batch(), 3);
        assertArrayEquals(new int[] {1, 0}, v.positions());
    }

    @Test
    void aWholeHeadIsFedNothingAndASlicedOneNeedsItsOwnKindsPositions() {
        PreparedModel whole = prepare(ModelSpec.of(TinyModels.mlm(tmp.resolve("mlm")).toString()).withSliceHead(false));
        assertSame(HeadFeed.NONE, HeadFeed.of(whole, ReadPositions.mask(4)));
        assertSame(HeadFeed.NONE, HeadFeed.of(whole, null));
        assertFalse(HeadFeed.NONE.sliced());
        assertEquals(3, HeadFeed.NONE.seq(batch()), "every position of the padded rows");
        assertFalse(HeadFeed.NONE.view(FloatBuffer.wrap(new float[18]), batch(), 3).sliced());
        PreparedModel sliced = prepare(ModelSpec.of(TinyModels.mlm(tmp.resolve("mlm2")).toString()));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> HeadFeed.of(sliced, ReadPositions.lastToken()));
        assertTrue(e.getMessage().endsWith("model.onnx: its head is sliced for a mlm and needs that model's read "
                + "positions, got causal"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> HeadFeed.of(sliced, null));
    }
}
