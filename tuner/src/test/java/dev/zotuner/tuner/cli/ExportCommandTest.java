package dev.zotuner.tuner.cli;

import static dev.zotuner.models.testing.Initializers.floats;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.LanguageModel;
import dev.zotuner.models.ModelKind;
import dev.zotuner.models.ModelSpec;
import dev.zotuner.models.onnx.OnnxFile;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyLlamaLayers;
import dev.zotuner.models.testing.TinyModels;
import dev.zotuner.models.testing.TinyTokenizers;
import dev.zotuner.tuner.perturb.PerturbationEngine;
import dev.zotuner.tuner.run.RunDirectory;
import dev.zotuner.tuner.train.FineTuneConfig;
import dev.zotuner.tuner.train.WeightReplay;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportCommandTest {

    @TempDir
    Path tmp;

    private Path tsv(String name, int rows) throws IOException {
        List<String> lines = new ArrayList<>(List.of("label\tsentence"));
        for (int i = 0; i < rows; i++) {
            lines.add(i % 2 == 0 ? "pos\tloved the best film" : "neg\thated the worst plot");
        }
        return Files.write(tmp.resolve(name), lines);
    }

    /** Six steps of {@code zo finetune} on the tiny MLM into {@code runDir}, with {@code extra} options. */
    private CliRun finetune(Path mlm, String cache, Path runDir, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("finetune", "--model", mlm.toString(), "--cache-dir", cache, "--task",
                tsv("train.tsv", 20).toString(), "--test-file", tsv("test.tsv", 6).toString(), "--template",
                "<sentence> it was [MASK] .", "--verbalizer", "neg=terrible,pos=great", "--k", "4", "--steps", "6",
                "--batch", "4", "--eval-every", "2", "--run-dir", runDir.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    @Test
    void exportedModelGivesTheSameLogitsAsTheTunedWeightsInMemory() throws IOException {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        Path runDir = tmp.resolve("run");
        String cache = tmp.resolve("cache").toString();
        CliRun train = finetune(mlm, cache, runDir, "--lr", "1e-2");
        assertEquals(0, train.exit(), train.err());
        Path out = tmp.resolve("tuned.onnx");
        CliRun export = CliRun.of("export", runDir.toString(), "--out", out.toString(), "--step", "6",
                "--cache-dir", cache);
        assertEquals(0, export.exit(), export.err());
        CliRun best = CliRun.of("export", runDir.toString(), "--out", tmp.resolve("best.onnx").toString(),
                "--cache-dir", cache);
        assertEquals(0, best.exit(), best.err());
        assertTrue(best.out().contains("weights after step"), best.out());   // step read from summary.json

        List<String> texts = List.of("loved the film it was [MASK] .", "the plot it was [MASK] .");
        float[] expected;
        float[] base;
        try (RunDirectory run = RunDirectory.open(runDir);
             LanguageModel lm = LanguageModel.load(ModelSpec.of(mlm.toString()).withCacheDir(tmp.resolve("cache")));
             PerturbationEngine engine = new PerturbationEngine(1, dev.zotuner.tuner.perturb.NoiseKind.GAUSSIAN)) {
            base = lm.forward(texts).values();
            WeightReplay.toStep(run.config(FineTuneConfig.class), run, lm.parameters(), engine, 6);
            expected = lm.forward(texts).values();
        }
        assertFalse(java.util.Arrays.equals(base, expected), "fine-tuning changed the logits");
        try (LanguageModel exported = LanguageModel.load(ModelSpec.of(out.toString())
                .withTokenizer(mlm.resolve("tokenizer.json")).withKind(ModelKind.MLM)
                .withCacheDir(tmp.resolve("cache2")))) {
            assertArrayEquals(expected, exported.forward(texts).values(), 1e-5f);
        }
    }

    @Test
    void aLoraRunExportsMergedWeightsThatPlainOnnxRuntimeRunsAsTheAdaptedModel() throws IOException {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        Path runDir = tmp.resolve("lora");
        String cache = tmp.resolve("cache").toString();
        CliRun train = finetune(mlm, cache, runDir, "--lr", "1", "--peft", "lora", "--lora-targets", "dense$",
                "--lora-rank", "2", "--lora-alpha", "4");
        assertEquals(0, train.exit(), train.err());
        assertTrue(train.err().contains(" 64 trainable values"), train.err());   // 2 layers × (A 8×2 + B 2×8)
        Path out = tmp.resolve("merged.onnx");
        CliRun export = CliRun.of("export", runDir.toString(), "--out", out.toString(), "--step", "6", "--cache-dir", cache);
        assertEquals(0, export.exit(), export.err());

        List<String> texts = List.of("loved the film it was [MASK] .", "the plot it was [MASK] .");
        float[] adapted;
        float[] base;
        try (RunDirectory run = RunDirectory.open(runDir)) {
            FineTuneConfig config = run.config(FineTuneConfig.class);
            try (LanguageModel lm = LanguageModel.load(config.modelSpec(tmp.resolve("cache")));
                 PerturbationEngine engine = new PerturbationEngine(1, dev.zotuner.tuner.perturb.NoiseKind.GAUSSIAN)) {
                base = lm.forward(texts).values();
                WeightReplay.toStep(config, run, lm.parameters(), engine, 6);
                adapted = lm.forward(texts).values();
            }
        }
        assertFalse(java.util.Arrays.equals(base, adapted), "the adapters changed the logits");
        try (LanguageModel exported = LanguageModel.load(ModelSpec.of(out.toString())
                .withTokenizer(mlm.resolve("tokenizer.json")).withKind(ModelKind.MLM)
                .withCacheDir(tmp.resolve("cache2")))) {
            assertEquals(TinyModels.MLM_PARAMETERS, exported.parameters().size(), "plain weights, no adapters");
            float[] merged = exported.forward(texts).values();
            for (int i = 0; i < adapted.length; i++) {
                assertEquals(adapted[i], merged[i], 1e-5 * Math.max(1, Math.abs(adapted[i])), "logit " + i);
            }
        }
    }

    @Test
    void tiedEmbeddingsAreTrainedAsOneTensorAndExportedStillTied() throws IOException {
        Path mlm = TinyModels.tiedMlm(tmp.resolve("tied"));
        String cache = tmp.resolve("cache").toString();
        CliRun tied = finetune(mlm, cache, tmp.resolve("run-tied"), "--lr", "1e-1");
        assertEquals(0, tied.exit(), tied.err());
        assertTrue(tied.err().contains(" " + (TinyModels.MLM_PARAMETERS - 280) + " trainable values"), tied.err());
        CliRun untied = finetune(mlm, cache, tmp.resolve("run-untied"), "--lr", "1e-1", "--untie-weights");
        assertEquals(0, untied.exit(), untied.err());
        assertTrue(untied.err().contains(" " + TinyModels.MLM_PARAMETERS + " trainable values"), untied.err());
        ObjectMapper json = new ObjectMapper();
        assertTrue(json.readTree(tmp.resolve("run-tied/config.json").toFile()).at("/inputs/tie_weights").asBoolean());
        List<String> base = stepZero(tmp.resolve("run-tied"));
        assertEquals(2, base.size(), "dev and test at step 0: " + base);
        assertEquals(stepZero(tmp.resolve("run-untied")), base, "same model, same losses at step 0");

        Path out = tmp.resolve("tied.onnx");
        CliRun export = CliRun.of("export", tmp.resolve("run-tied").toString(), "--out", out.toString(), "--step", "6",
                "--cache-dir", cache);
        assertEquals(0, export.exit(), export.err());
        float[] words = floats(OnnxFile.read(out), "embeddings.word_embeddings.weight");
        float[] head = floats(OnnxFile.read(out), "lm_head.weight");
        assertFalse(Arrays.equals(floats(OnnxFile.read(mlm.resolve("model.onnx")), "embeddings.word_embeddings.weight"),
                words), "six steps moved the embeddings");
        for (int r = 0; r < TinyTokenizers.VOCAB; r++) {
            for (int c = 0; c < TinyModels.HIDDEN; c++) {
                assertEquals(Float.floatToRawIntBits(words[r * TinyModels.HIDDEN + c]),
                        Float.floatToRawIntBits(head[c * TinyTokenizers.VOCAB + r]), "lm_head[" + c + "][" + r + "]");
            }
        }
    }

    /** Six steps of {@code zo finetune} on a tiny causal LM (template ending in the label slot). */
    private CliRun finetuneCausal(Path model, String cache, Path runDir, String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("finetune", "--model", model.toString(), "--cache-dir", cache, "--task",
                tsv("train.tsv", 20).toString(), "--test-file", tsv("test.tsv", 6).toString(), "--template",
                "<sentence> it was [MASK]", "--verbalizer", "neg=terrible,pos=great", "--k", "4", "--steps", "6",
                "--batch", "4", "--eval-every", "3", "--lr", "1e-1", "--run-dir", runDir.toString()));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** The step and eval lines of a run's metrics.jsonl without their timings. */
    private static List<String> losses(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .map(l -> l.replaceAll(",\"(train_)?seconds\":[-0-9.E]+", "")).toList();
    }

    @Test
    void aMergedLlamaDecoderTrainsBlockByBlockAsItsNoCacheBranchAndExportsAsAMergedDecoder() throws IOException {
        Path plain = TinyLlama.write(tmp.resolve("plain"), TinyLlama.Layout.PLAIN, false, TinyLlama.MERGED_SUFFIX);
        Path merged = TinyLlama.write(tmp.resolve("merged"), TinyLlama.Layout.MERGED, false);
        String cache = tmp.resolve("cache").toString();
        CliRun a = finetuneCausal(plain, cache, tmp.resolve("run-plain"), "--optimizer", "mezo-bcd");
        CliRun b = finetuneCausal(merged, cache, tmp.resolve("run-merged"), "--optimizer", "mezo-bcd");
        assertEquals(0, b.exit(), b.err());
        assertTrue(b.err().contains("zo finetune: 1,592 trainable values; stages [embeddings | layer.0 | layer.1 | rest]"),
                b.err());
        assertEquals(losses(tmp.resolve("run-plain")), losses(tmp.resolve("run-merged")), "same blocks, same losses");
        assertEquals(0, a.exit(), a.err());

        Path out = tmp.resolve("export/decoder_model_merged.onnx");
        CliRun export = CliRun.of("export", tmp.resolve("run-merged").toString(), "--out", out.toString(), "--step", "6",
                "--cache-dir", cache);
        assertEquals(0, export.exit(), export.err());
        assertEquals("If", OnnxFile.read(out).proto().getGraph().getNode(0).getOpType(), "still a merged decoder");
        for (String f : List.of("tokenizer.json", "config.json")) {
            Files.copy(merged.resolve(f), out.resolveSibling(f));
        }
        List<String> texts = List.of("loved the film it was", "the plot it was");
        float[] tuned;
        try (RunDirectory run = RunDirectory.open(tmp.resolve("run-merged"));
             LanguageModel lm = LanguageModel.load(run.config(FineTuneConfig.class).modelSpec(tmp.resolve("cache")));
             PerturbationEngine engine = new PerturbationEngine(1, dev.zotuner.tuner.perturb.NoiseKind.GAUSSIAN)) {
            float[] base = lm.forward(texts).values();
            WeightReplay.toStep(run.config(FineTuneConfig.class), run, lm.parameters(), engine, 6);
            tuned = lm.forward(texts).values();
            assertFalse(Arrays.equals(base, tuned), "six steps moved the model");
        }
        try (LanguageModel exported = LanguageModel.load(ModelSpec.of(out.getParent().toString())
                .withCacheDir(tmp.resolve("cache2")))) {
            assertArrayEquals(tuned, exported.forward(texts).values(), 1e-5f);
        }
    }

    @Test
    void topKOnATiedDecoderLeavesTheHeadFrozenWithTheEmbeddingsAndSaysSo() throws IOException {
        Path merged = TinyLlama.write(tmp.resolve("tied"), TinyLlama.Layout.MERGED, true);
        String cache = tmp.resolve("cache").toString();
        CliRun top1 = finetuneCausal(merged, cache, tmp.resolve("run"), "--train-layers", "top:1");
        assertEquals(0, top1.exit(), top1.err());
        assertTrue(top1.err().contains("zo finetune: " + (TinyLlama.LAYER_PARAMETERS + TinyLlama.HIDDEN)
                + " trainable values; stages [embeddings..layer.0 | layer.1..rest], frozen prefix cached up to layer.1"),
                top1.err());
        assertTrue(top1.err().contains("zo finetune: kept frozen, tied to a frozen tensor: onnx::MatMul_1100_merged_0 = "
                + "transpose of model.embed_tokens.weight_merged_0 (280 values)"), top1.err());
        assertTrue(new ObjectMapper().readTree(tmp.resolve("run/config.json").toFile()).at("/inputs/keep_ties").asBoolean());
        Path out = tmp.resolve("top1.onnx");
        assertEquals(0, CliRun.of("export", tmp.resolve("run").toString(), "--out", out.toString(), "--step", "6",
                "--cache-dir", cache).exit());
        String head = TinyLlamaLayers.LM_HEAD + TinyLlama.MERGED_SUFFIX;
        assertArrayEquals(floats(OnnxFile.read(merged.resolve(TinyLlama.fileName(TinyLlama.Layout.MERGED))), head),
                floats(OnnxFile.read(out), head), "the head, tied to the frozen embeddings, exported as it was");
        assertFalse(Arrays.equals(floats(OnnxFile.read(merged.resolve(TinyLlama.fileName(TinyLlama.Layout.MERGED))),
                TinyLlamaLayers.projection(1, "q_proj") + TinyLlama.MERGED_SUFFIX),
                floats(OnnxFile.read(out), TinyLlamaLayers.projection(1, "q_proj") + TinyLlama.MERGED_SUFFIX)),
                "layer 1 was trained");
    }

    @Test
    void aRunOnAModelWithExternalDataExportsAModelAndItsDataFile() throws IOException {
        Path model = TinyModels.externalData(tmp.resolve("ext"));
        String cache = tmp.resolve("cache").toString();
        assertEquals(0, finetune(model, cache, tmp.resolve("run"), "--lr", "1e-2").exit());
        Path out = tmp.resolve("export/tuned.onnx");
        CliRun export = CliRun.of("export", tmp.resolve("run").toString(), "--out", out.toString(), "--cache-dir", cache);
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().startsWith("wrote " + out + " + tuned.onnx.data (weights after step "), export.out());
        assertTrue(Files.size(tmp.resolve("export/tuned.onnx.data")) > 2000);
    }

    /** The base model's evaluation lines (the first two: dev and test at step 0). */
    private static List<String> stepZero(Path run) throws IOException {
        return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
                .filter(l -> l.contains("\"type\":\"eval\"") && l.contains("\"step\":0,")).limit(2).toList();
    }

    @Test
    void aRunRecordsItsBaseModelAndRefusesToResumeOrExportOnOtherWeights() throws IOException {
        Path mlm = TinyModels.mlm(tmp.resolve("mlm"));
        String sha = dev.zotuner.models.source.Checksums.sha256(mlm.resolve("model.onnx"));
        Path runDir = tmp.resolve("run");
        String cache = tmp.resolve("cache").toString();
        CliRun train = finetune(mlm, cache, runDir, "--lr", "1e-2", "--stop-after", "3");
        assertEquals(0, train.exit(), train.err());
        var provenance = new ObjectMapper().readTree(runDir.resolve("config.json").toFile()).get("provenance");
        assertEquals(sha, provenance.get("base_model_sha256").asText());
        assertEquals("zo-tuner 0.1.0", provenance.get("tool_version").asText());
        String config = Files.readString(runDir.resolve("config.json"));

        TinyModels.write(mlm, TinyModels.graph("mlm", 2).build(), TinyTokenizers.bert(),
                "{\"architectures\":[\"BertForMaskedLM\"]}");        // same shapes and names, other weights
        String other = dev.zotuner.models.source.Checksums.sha256(mlm.resolve("model.onnx"));
        CliRun resume = CliRun.of("finetune", "--resume", runDir.toString(), "--cache-dir", cache);
        assertEquals(1, resume.exit(), resume.err());
        assertTrue(resume.err().contains(sha) && resume.err().contains(other) && resume.err().contains("cannot resume"),
                resume.err());
        CliRun export = CliRun.of("export", runDir.toString(), "--out", tmp.resolve("x.onnx").toString(), "--cache-dir", cache);
        assertEquals(1, export.exit(), export.err());
        assertTrue(export.err().contains("cannot export") && export.err().contains(other), export.err());
        assertFalse(Files.exists(tmp.resolve("x.onnx")));
        assertEquals(config, Files.readString(runDir.resolve("config.json")), "nothing rewritten");

        TinyModels.mlm(mlm);                                                   // the original weights again
        CliRun again = CliRun.of("finetune", "--resume", runDir.toString(), "--cache-dir", cache);
        assertEquals(0, again.exit(), again.err());
    }

    @Test
    void refusesToOverwriteWithoutForce() throws IOException {
        Path existing = Files.writeString(tmp.resolve("x.onnx"), "keep me");
        CliRun run = CliRun.of("export", tmp.toString(), "--out", existing.toString());
        assertEquals(1, run.exit());
        assertTrue(run.err().contains("exists"), run.err());
        assertEquals("keep me", Files.readString(existing));
    }

    @Test
    void aRunWithATrainedHeadExportsItBesideTheModel() throws IOException {
        Path encoder = TinyModels.encoder(tmp.resolve("enc"));
        Path runDir = tmp.resolve("run");
        String cache = tmp.resolve("cache").toString();
        CliRun train = finetune(encoder, cache, runDir, "--lr", "1e-2", "--head", "prototype", "--head-lr", "0.05",
                "--head-warmup", "5");
        assertEquals(0, train.exit(), train.err());
        Path out = tmp.resolve("tuned.onnx");
        CliRun export = CliRun.of("export", runDir.toString(), "--out", out.toString(), "--step", "6", "--cache-dir", cache);
        assertEquals(0, export.exit(), export.err());
        assertTrue(export.out().contains("+ tuned.head.json"), export.out());
        var json = new ObjectMapper().readTree(tmp.resolve("tuned.head.json").toFile());
        assertEquals(6, json.get("step").asLong());
        assertEquals(20.0, json.get("scale").asDouble());
        assertEquals("[\"neg\",\"pos\"]", json.get("classes").toString());
        try (RunDirectory run = RunDirectory.open(runDir)) {
            var head = run.heads().read(6).orElseThrow();
            assertEquals(head.prototypes()[1][3], json.get("prototypes").get(1).get(3).asDouble(), 0.0);
            assertEquals(head.bias()[0], json.get("bias").get(0).asDouble(), 0.0);
        }
        CliRun notKept = CliRun.of("export", runDir.toString(), "--out", tmp.resolve("s1.onnx").toString(), "--step", "1",
                "--cache-dir", cache);
        assertEquals(1, notKept.exit(), notKept.err());
        assertTrue(notKept.err().contains("the head after step 1 was not kept"), notKept.err());
        assertFalse(Files.exists(tmp.resolve("s1.onnx")), "nothing written");
    }
}
