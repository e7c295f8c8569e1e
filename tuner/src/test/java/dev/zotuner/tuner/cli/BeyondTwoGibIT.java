package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtSession;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.Parameter;
import dev.zotuner.models.ParameterStore;
import dev.zotuner.models.onnx.ModelWriter;
import dev.zotuner.models.onnx.PreparedModel;
import dev.zotuner.models.runtime.OrtSessions;
import dev.zotuner.models.runtime.OutputView;
import dev.zotuner.models.source.ModelCache;
import dev.zotuner.models.testing.HugeModels;
import dev.zotuner.models.tokenizer.TokenBatch;
import dev.zotuner.tuner.run.RunDirectory;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real 2 GiB walls, crossed in CI's time: a generated masked LM of 2.2 GB of weights in external data (a
 * 270,000 × 1,024 embedding and its LM head) is inspected, fine-tuned for two steps, exported (external data, since
 * it is above what one protobuf holds) and re-loaded; the export holds exactly the trained θ and runs in plain ONNX
 * Runtime as it does in zo.
 */
class BeyondTwoGibIT {

    private static final int ROWS = 270_000;
    private static final int WIDTH = 1024;

    @TempDir
    Path tmp;

    @Test
    void aModelAboveTwoGibLoadsTrainsExportsAndReloads() throws Exception {
        Path model = HugeModels.mlm(tmp.resolve("huge"), ROWS, WIDTH, 42);
        assertTrue(HugeModels.weightBytes(ROWS, WIDTH) > (1L << 31), "the weights exceed 2 GiB");
        String cache = tmp.resolve("cache").toString();

        CliRun inspect = CliRun.of("model", "inspect", "--model", model.toString(), "--cache-dir", cache);
        assertEquals(0, inspect.exit(), inspect.err());
        assertTrue(inspect.out().contains("554,"), inspect.out());       // 554,245,... trainable values

        Path run = tmp.resolve("run");
        CliRun train = CliRun.of("finetune", "--model", model.toString(), "--cache-dir", cache, "--task", tsv("train.tsv", 12),
                "--test-file", tsv("test.tsv", 4), "--template", "<sentence> it was [MASK] .", "--verbalizer",
                "neg=terrible,pos=great", "--k", "2", "--steps", "2", "--batch", "2", "--eval-every", "2",
                "--snapshot-every", "2", "--lr", "1e-3", "--run-dir", run.toString());
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.err().contains("554,"), train.err());

        Path out = tmp.resolve("export/tuned.onnx");
        CliRun export = CliRun.of("export", run.toString(), "--out", out.toString(), "--step", "2", "--cache-dir", cache);
        assertEquals(0, export.exit(), export.err());
        assertTrue(Files.size(ModelWriter.dataFile(out)) > (1L << 31), "weights in external data");
        assertTrue(Files.size(out) < (1 << 20), "the graph file holds no weights");

        ParameterStore exported = preparedStore(out, model);
        String snapshot;
        try (RunDirectory r = RunDirectory.open(run)) {
            snapshot = r.snapshots().latest(exported).snapshot().orElseThrow().manifest().sha256();
        }
        assertEquals(snapshot, sha256(exported), "the export holds θ after step 2, bit for bit");
        exported = null;

        List<String> texts = List.of("loved the film it was [MASK] .", "the plot it was [MASK] .");
        float[] zo;
        TokenBatch batch;
        int[] read;
        try (LanguageModel lm = LanguageModel.load(spec(out, model))) {
            assertTrue(lm.parameters().chunks() >= 3, lm.parameters().chunks() + " buffers");
            batch = lm.tokenizer().encodeBatch(texts);
            OutputView view = lm.forwardOutput(batch);
            assertTrue(view.sliced(), "the export's head is sliced again on loading");
            read = view.positions();
            assertArrayEquals(lm.readPositions().orElseThrow().of(batch), read, "the mask of each row");
            zo = new float[view.data().capacity()];
            view.data().get(0, zo);
        }
        float[] plain = plainOrt(out, batch);
        int vocab = zo.length / batch.size();
        float[] atMasks = new float[zo.length];
        for (int r = 0; r < batch.size(); r++) {
            System.arraycopy(plain, (r * batch.length() + read[r]) * vocab, atMasks, r * vocab, vocab);
        }
        assertArrayEquals(atMasks, zo, 1e-4f, "zo's forward is plain ONNX Runtime's on the exported file, at the masks");
    }

    private String tsv(String name, int rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of("label\tsentence"));
        for (int i = 0; i < rows; i++) {
            lines.add(i % 2 == 0 ? "pos\tloved the best film" : "neg\thated the worst plot");
        }
        return Files.write(tmp.resolve(name), lines).toString();
    }

    private ModelSpec spec(Path onnx, Path source) {
        return ModelSpec.of(onnx.toString()).withTokenizer(source.resolve("tokenizer.json")).withKind(ModelKind.MLM)
                .withCacheDir(tmp.resolve("cache"));
    }

    private ParameterStore preparedStore(Path onnx, Path source) {
        return PreparedModel.prepare(spec(onnx, source), new ModelCache(tmp.resolve("cache"))).parameters();
    }

    /** SHA-256 of θ as a snapshot file holds it: little-endian float32, tensors in store order. */
    private static String sha256(ParameterStore store) throws Exception {
        MessageDigest sha = MessageDigest.getInstance("SHA-256");
        ByteBuffer bytes = ByteBuffer.allocate(1 << 22).order(ByteOrder.LITTLE_ENDIAN);
        for (Parameter p : store.parameters()) {
            FloatBuffer v = p.values().duplicate().clear();
            while (v.hasRemaining()) {
                int n = Math.min(v.remaining(), bytes.capacity() / 4);
                bytes.clear().asFloatBuffer().put(v.slice(v.position(), n));
                v.position(v.position() + n);
                sha.update(bytes.array(), 0, n * 4);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static float[] plainOrt(Path onnx, TokenBatch batch) throws Exception {
        try (OrtSession s = OrtSessions.open(onnx);
             OnnxTensor ids = OnnxTensor.createTensor(OrtSessions.environment(), longs(batch.ids()),
                     new long[] {batch.size(), batch.length()});
             OnnxTensor mask = OnnxTensor.createTensor(OrtSessions.environment(), longs(batch.attentionMask()),
                     new long[] {batch.size(), batch.length()});
             OrtSession.Result r = s.run(Map.of("input_ids", ids, "attention_mask", mask))) {
            FloatBuffer f = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] out = new float[f.remaining()];
            f.get(out);
            return out;
        }
    }

    private static java.nio.LongBuffer longs(long[] values) {
        return java.nio.LongBuffer.wrap(values);
    }
}
