package dev.zotuner.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteOrder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParameterStoreTest {

    private static ParameterStore store() {
        return ParameterStore.builder()
                .add("embeddings.w", new long[] {2, 2}, "embeddings", true, new float[] {1, 2, 3, 4})
                .add("layer.0.b", new long[] {3}, "layer.0", false, new float[] {5, 6, 7})
                .add("layer.0.w", new long[] {1, 1}, "layer.0", true, null)
                .build();
    }

    @Test
    void slicesShareTheFlatNativeBuffer() {
        ParameterStore s = store();
        assertEquals(8, s.size());
        assertTrue(s.get("layer.0.b").values().isDirect());
        assertEquals(ByteOrder.nativeOrder(), s.get("layer.0.b").values().order());
        assertEquals(4, s.get("layer.0.b").offset());
        s.get("layer.0.b").values().put(1, 60f);
        assertEquals(60f, s.get(5));
        s.set(7, 9f);
        assertEquals(9f, s.get("layer.0.w").values().get(0));
    }

    @Test
    void blocksInOrderOfFirstAppearance() {
        ParameterStore s = store();
        assertEquals(List.of("embeddings", "layer.0"), s.blocks().stream().map(ParameterBlock::name).toList());
        assertEquals(4, s.blocks().get(1).size());
        assertThrows(IllegalArgumentException.class, () -> s.get("nope"));
    }

    @Test
    void snapshotAndRestoreAreExact() {
        ParameterStore s = store();
        float[] snap = s.snapshot();
        s.set(0, -1f);
        s.restore(snap);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 0}, s.snapshot());
        assertThrows(IllegalArgumentException.class, () -> s.restore(new float[3]));
        float[] reused = new float[8];
        assertSame(reused, s.snapshot(reused));
        assertArrayEquals(s.snapshot(), reused);
        assertThrows(IllegalArgumentException.class, () -> s.snapshot(new float[3]));
    }

    @Test
    void chunksHoldWholeTensorsAndKeepGlobalIndices() {
        ParameterStore one = store();
        // 12 bytes per chunk: embeddings.w (16 B) alone, layer.0.b (12 B) alone, layer.0.w (4 B) alone
        ParameterStore split = ParameterStore.builder().chunkBytes(12)
                .add("embeddings.w", new long[] {2, 2}, "embeddings", true, new float[] {1, 2, 3, 4})
                .add("layer.0.b", new long[] {3}, "layer.0", false, new float[] {5, 6, 7})
                .add("layer.0.w", new long[] {1, 1}, "layer.0", true, null)
                .build();
        assertEquals(1, one.chunks());
        assertEquals(3, split.chunks());
        assertArrayEquals(one.snapshot(), split.snapshot());
        for (Parameter p : split.parameters()) {
            assertEquals(one.get(p.name()).offset(), p.offset(), p.name());
        }
        split.set(5, 60f);
        assertEquals(60f, split.get("layer.0.b").values().get(1));
        assertEquals(7f, split.get(6));
        assertEquals("layer.0.w", split.at(7).name());
        assertThrows(IndexOutOfBoundsException.class, () -> split.get(8));
        // two 8-byte tensors share a 16-byte chunk; a third starts a new one
        ParameterStore packed = ParameterStore.builder().chunkBytes(16)
                .add("a", new long[] {2}, "rest", false, new float[] {1, 2})
                .add("b", new long[] {2}, "rest", false, new float[] {3, 4})
                .add("c", new long[] {2}, "rest", false, new float[] {5, 6})
                .build();
        assertEquals(2, packed.chunks());
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, packed.snapshot());
    }

    @Test
    void refusesATensorNoDirectBufferHolds() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ParameterStore.builder()
                .add("huge", new long[] {1L << 29, 2}, "rest", true, null));
        assertTrue(e.getMessage().contains("huge"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParameterStore.builder().chunkBytes(2));
    }
}
