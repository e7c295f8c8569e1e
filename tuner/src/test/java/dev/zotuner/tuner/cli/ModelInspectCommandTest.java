package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.models.testing.TinyDecoders;
import dev.zotuner.models.testing.TinyLlama;
import dev.zotuner.models.testing.TinyModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelInspectCommandTest {

    @TempDir
    Path tmp;

    private CliRun inspect(String... args) {
        String[] all = new String[args.length + 4];
        all[0] = "model";
        all[1] = "inspect";
        all[2] = "--cache-dir";
        all[3] = tmp.resolve("cache").toString();
        System.arraycopy(args, 0, all, 4, args.length);
        return CliRun.of(all);
    }

    /** Exit 1 and exactly one stderr line {@code zo: ...} containing every fragment. */
    private static void failsWithOneLine(CliRun run, String... fragments) {
        assertEquals(1, run.exit(), run.err());
        assertEquals("", run.out());
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().startsWith("zo: "), run.err());
        for (String f : fragments) {
            assertTrue(run.err().contains(f), "'" + f + "' not in: " + run.err());
        }
    }

    @Test
    void printsKindInputsOutputsAndBlocks() {
        CliRun run = inspect("--model", TinyModels.mlm(tmp.resolve("mlm")).toString());
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("kind       mlm"), run.out());
        assertTrue(run.out().contains("input_ids INT64 [batch, seq]"), run.out());
        assertTrue(run.out().contains("logits FLOAT [batch, seq, 35]  <- read by heads"), run.out());
        assertTrue(run.out().contains("trainable  739 parameters in 7 tensors"), run.out());
        assertTrue(run.out().lines().anyMatch(l -> l.matches("\\s+layer\\.0\\s+72\\s+\\(2 tensors\\)")), run.out());
    }

    @Test
    void showsTiedTensorsAndTheInputsItFeeds() throws IOException {
        CliRun tied = inspect("--model", TinyModels.tiedMlm(tmp.resolve("tied")).toString());
        assertEquals(0, tied.exit(), tied.err());
        assertTrue(tied.out().contains("trainable  459 parameters in 6 tensors"), tied.out());
        assertTrue(tied.out().contains("tied       lm_head.weight = transpose of embeddings.word_embeddings.weight "
                + "(280 values)"), tied.out());
        CliRun untied = inspect("--model", tmp.resolve("tied").toString(), "--untie-weights");
        assertTrue(untied.out().contains("trainable  739 parameters in 7 tensors") && !untied.out().contains("tied "),
                untied.out());
        CliRun decoder = inspect("--model", TinyDecoders.merged(tmp.resolve("dec")).toString(), "--json");
        assertEquals(0, decoder.exit(), decoder.err());
        JsonNode json = new ObjectMapper().readTree(decoder.out());
        assertEquals("past_key_values.0.key FLOAT [batch, 2, 0, 4] (empty)", json.at("/fed/0").asText());
        assertEquals("use_cache_branch BOOL = false", json.at("/fed/4").asText());
        assertEquals(3, json.get("inputs").size(), "input_ids, attention_mask, position_ids");
        assertEquals("logits at the last real token only: zo_positions gathers x2 before 3 head nodes (/Mul_1 … "
                + "/lm_head/Add)", json.get("head").asText(), "the model's own inputs above; the slice's input here");
        assertTrue(tied.out().contains("head       logits at the mask token only: zo_positions gathers x2 before"),
                tied.out());
    }

    @Test
    void aMergedLlamaDecoderShowsItsLayersAndATiedHeadLeftFrozenByTopK() throws IOException {
        Path dir = TinyLlama.write(tmp.resolve("merged"), TinyLlama.Layout.MERGED, true);
        CliRun top1 = inspect("--model", dir.toString(), "--train-layers", "top:1");
        assertEquals(0, top1.exit(), top1.err());
        assertTrue(top1.out().contains("trainable  520 parameters in 13 tensors\n  layer.1               512  (12 tensors)\n"
                + "  rest                    8  (1 tensors)\n"), top1.out());
        assertTrue(top1.out().contains("tied       onnx::MatMul_1100_merged_0 = transpose of model.embed_tokens.weight_merged_0 "
                + "(280 values), frozen with it"), top1.out());
        CliRun lora = inspect("--model", dir.toString(), "--peft", "lora", "--json");
        assertEquals(0, lora.exit(), lora.err());
        assertEquals(4, new ObjectMapper().readTree(lora.out()).get("blocks").get(0).get("tensors").asInt(),
                "layer.0: q_proj and v_proj, A and B each");
    }

    @Test
    void jsonIsOneObjectOnStdout() throws IOException {
        CliRun run = inspect("--model", TinyModels.encoder(tmp.resolve("enc")).toString(), "--json",
                "--trainable", "^(?!embeddings/)");
        assertEquals(0, run.exit(), run.err());
        assertEquals(1, run.out().lines().count());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals("encoder", json.get("kind").asText());
        assertEquals("mean", json.get("pooling").asText());
        assertEquals(144, json.get("trainable").asLong());
        assertEquals("layer.1", json.get("blocks").get(1).get("name").asText());
        assertEquals(72, json.get("blocks").get(1).get("parameters").asLong());
        assertEquals("token_type_ids", json.get("inputs").get(2).get("name").asText());
        assertEquals("8", json.get("outputs").get(0).get("dims").get(2).asText());
        assertFalse(json.has("head"), "an encoder's output is not placed");
    }

    @Test
    void missingOrCorruptModelFile() throws IOException {
        Path missing = tmp.resolve("missing.onnx");
        failsWithOneLine(inspect("--model", missing.toString()), "model file not found: " + missing);
        Path dir = TinyModels.mlm(tmp.resolve("corrupt"));
        byte[] bytes = Files.readAllBytes(dir.resolve("model.onnx"));
        Files.write(dir.resolve("model.onnx"), Arrays.copyOf(bytes, bytes.length / 3));
        failsWithOneLine(inspect("--model", dir.toString()), dir.resolve("model.onnx") + ": not a valid ONNX model");
    }

    @Test
    void modelWithoutTokenInputs() {
        Path dir = TinyModels.withoutInputIds(tmp.resolve("noids"));
        failsWithOneLine(inspect("--model", dir.toString()), dir.resolve("model.onnx").toString(), "'tokens'");
    }

    @Test
    void trainablePatternMatchingNothingOrSelectingInt8() {
        Path dir = TinyModels.withInt8Weight(tmp.resolve("int8"));
        failsWithOneLine(inspect("--model", dir.toString(), "--trainable", "decoder"),
                "--trainable 'decoder' matches no FLOAT weight");
        failsWithOneLine(inspect("--model", dir.toString(), "--trainable", "^layer\\.1/"),
                "tensor encoder.layer.1.quant.weight", "is INT8");
        assertEquals(0, inspect("--model", dir.toString()).exit(), "by default INT8 tensors are simply frozen");
    }

    @Test
    void externalDataEscapingTheModelDirectory() {
        Path dir = TinyModels.externalData(tmp.resolve("evil/model"), "../../etc/passwd");
        failsWithOneLine(inspect("--model", dir.toString()), "external data location '../../etc/passwd'",
                "escapes the model directory", "(refused)");
    }

    @Test
    void tokenizerThatDoesNotParse() throws IOException {
        Path dir = TinyModels.mlm(tmp.resolve("badtok"));
        Files.writeString(dir.resolve("tokenizer.json"), "{ \"model\": { \"vocab\": {\"a\": 1,, } }");
        failsWithOneLine(inspect("--model", dir.toString()), "tokenizer " + dir.resolve("tokenizer.json"), "not valid JSON");
    }
}
