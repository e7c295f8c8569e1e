package dev.zotuner.models.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.models.ModelException;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.TinyDecoders;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.tokenizer.TokenBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForwardBenchmarkTest {

    @Test
    void runsBothGraphsAndReportsMedians(@TempDir Path tmp) {
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(TinyModels.encoder(tmp.resolve("e")).toString()),
                new ModelCache(tmp.resolve("cache")));
        ForwardBenchmark.Result r = ForwardBenchmark.run(m, 3, 5, 1, 3, 7);
        assertEquals(3, r.batch());
        assertEquals(5, r.seq());
        assertEquals(3, r.runs());
        assertTrue(r.originalMs() > 0 && r.weightsInputsMs() > 0 && r.pairedRatio() > 0);
        assertEquals(r.weightsInputsMs() / r.originalMs(), r.ratio(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> ForwardBenchmark.run(m, 0, 5, 1, 3, 7));
        assertFalse(r.slicedHead(), "an encoder's states at every position");
    }

    @Test
    void eachPairOfPassesIsAnnouncedInOrderAndAThrowStopsBeforeThePair(@TempDir Path tmp) {
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(TinyModels.encoder(tmp.resolve("e")).toString()),
                new ModelCache(tmp.resolve("cache")));
        List<Integer> pairs = new ArrayList<>();
        ForwardBenchmark.run(m, 2, 4, 2, 3, 7, pairs::add);
        assertEquals(List.of(0, 1, 2, 3, 4), pairs, "2 warm-up pairs, then 3 timed");
        List<Integer> started = new ArrayList<>();
        CancellationException e = assertThrows(CancellationException.class, () -> ForwardBenchmark.run(m, 2, 4, 1, 5, 7,
                pair -> {
                    if (pair == 3) {
                        throw new CancellationException("stop at " + pair);
                    }
                    started.add(pair);
                }));
        assertEquals("stop at 3", e.getMessage());
        assertEquals(List.of(0, 1, 2), started);
    }

    @Test
    void anLmRunsTheGraphZoRunsItsHeadSlicedAgainstTheOriginal(@TempDir Path tmp) {
        for (Path dir : List.of(TinyModels.mlm(tmp.resolve("m")), TinyModels.causal(tmp.resolve("c")))) {
            PreparedModel m = PreparedModel.prepare(ModelSpec.of(dir.toString()), new ModelCache(tmp.resolve("cache")));
            ForwardBenchmark.Result r = ForwardBenchmark.run(m, 2, 6, 1, 1, 7);
            assertTrue(r.slicedHead(), dir + ": random rows without a mask are read at position 0");
            assertTrue(r.weightsInputsMs() > 0);
        }
    }

    @Test
    void aKvCacheDecoderIsRefusedWithItsFileNamed(@TempDir Path tmp) {
        Path dir = TinyDecoders.merged(tmp.resolve("d"));
        PreparedModel m = PreparedModel.prepare(ModelSpec.of(dir.toString()), new ModelCache(tmp.resolve("cache")));
        ModelException e = assertThrows(ModelException.class, () -> ForwardBenchmark.run(m, 1, 2, 0, 1, 7));
        assertEquals(dir.resolve("decoder_model_merged.onnx") + ": takes a KV cache (past_key_values.0.key FLOAT "
                + "[batch, 2, 0, 4] (empty)), which the original-graph baseline of this benchmark cannot feed", e.getMessage());
    }

    @Test
    void randomBatchIsSeededFullLengthAndInVocabulary() {
        TokenBatch a = ForwardBenchmark.randomBatch(4, 6, 35, 11);
        TokenBatch b = ForwardBenchmark.randomBatch(4, 6, 35, 11);
        assertArrayEquals(a.ids(), b.ids());
        assertFalse(Arrays.equals(a.ids(), ForwardBenchmark.randomBatch(4, 6, 35, 12).ids()));
        assertTrue(Arrays.stream(a.ids()).allMatch(id -> id >= 0 && id < 35));
        assertTrue(Arrays.stream(a.attentionMask()).allMatch(x -> x == 1));
        assertArrayEquals(new int[] {6, 6, 6, 6}, a.lengths());
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(2, ForwardBenchmark.median(new double[] {3, 1, 2}));
        assertEquals(2.5, ForwardBenchmark.median(new double[] {4, 1, 3, 2}));
    }
}
