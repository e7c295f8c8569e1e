package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.testing.TinyRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StepBenchCommandTest {

    @TempDir
    Path tmp;
    private TinyRun files;

    @BeforeEach
    void data() {
        files = TinyRun.encoder(tmp, 12);
    }

    private String[] args(String... extra) {
        return files.args(List.of("bench", "step", "--k", "4"), extra);
    }

    @Test
    void jsonReportsPositiveTimesConsistentRatiosAndBothPeaks() throws IOException {
        CliRun run = CliRun.of(args("--repeats", "3", "--warmup", "1", "--steps", "2", "--json", "--variants", "none"));
        assertEquals(0, run.exit(), run.err());
        JsonNode json = new ObjectMapper().readTree(run.out());
        assertEquals(8, json.get("batch").asInt(), "the 8-example k-shot train set caps a batch of 16");
        JsonNode t = json.get("timing");
        double forward = t.get("forward_ms").asDouble();
        double step = t.get("step_ms").asDouble();
        double bcd = t.get("bcd_step_ms").asDouble();
        assertTrue(forward > 0 && step > 0 && bcd > 0, t.toString());
        assertEquals(step / forward, t.get("step_over_forward").asDouble(), 1e-9);
        assertEquals(bcd / forward, t.get("bcd_step_over_forward").asDouble(), 1e-9);
        JsonNode m = json.get("memory");
        assertEquals(12, m.get("eval_examples").asInt());
        double eval = m.get("eval").get("peak_rss_mib").asDouble();
        double first = m.get("finetune_first").get("peak_rss_mib").asDouble();
        double steady = m.get("finetune_steady").get("peak_rss_mib").asDouble();
        assertTrue(eval > 0 && first > 0 && steady > 0, m.toString());
        assertTrue(m.get("eval").get("end_rss_mib").asDouble() <= eval, "VmRSS never exceeds VmHWM");
        assertEquals(first / eval, m.get("finetune_first_over_eval").asDouble(), 1e-9);
        assertEquals(steady / eval, m.get("finetune_steady_over_eval").asDouble(), 1e-9);
        long params = json.get("parameters").asLong();
        JsonNode state = json.get("optimizer_state_bytes");
        assertEquals(0, state.get("zo-sgd").asLong(), "in-place MeZO keeps no state");
        assertEquals(4 * params, state.get("zo-sgd-mmt").asLong(), "one float32 momentum buffer");
        assertEquals(8 * params, state.get("zo-adam").asLong(), "two float32 moment buffers");
    }

    @Test
    void variantsAreTimedAgainstTwoForwardsOfTheWholeModel() throws IOException {
        CliRun run = CliRun.of(args("--repeats", "2", "--warmup", "0", "--steps", "1", "--json", "--top-layers", "1",
                "--lora-targets", "dense$"));
        assertEquals(0, run.exit(), run.err());
        JsonNode v = new ObjectMapper().readTree(run.out()).get("variants");
        assertEquals(List.of("mezo", "mezo-bcd-shared", "top1-cached", "bitfit", "lora", "dev_scoring"),
                iterable(v.fieldNames()));
        for (String id : List.of("mezo", "mezo-bcd-shared", "top1-cached", "bitfit", "lora")) {
            JsonNode r = v.get(id);
            assertEquals(r.get("step_ms").asDouble() / (2 * r.get("forward_ms").asDouble()),
                    r.get("step_over_two_forwards").asDouble(), 1e-9, id);
            assertTrue(r.get("peak_rss_mib").asDouble() > 0, id);
        }
        assertEquals(List.of("embeddings", "layer.0", "layer.1"), iterable(v.get("mezo-bcd-shared")
                .get("per_block_over_two_forwards").fieldNames()), "the tiny encoder's blocks");
        JsonNode own = v.get("mezo-bcd-shared").get("per_block_over_its_forwards");
        assertEquals(List.of("embeddings", "layer.0", "layer.1"), iterable(own.fieldNames()));
        double mean = (own.get("embeddings").asDouble() + own.get("layer.0").asDouble() + own.get("layer.1").asDouble()) / 3;
        assertEquals(mean, v.get("mezo-bcd-shared").get("mean_block_over_its_forwards").asDouble(), 1e-9);
        assertTrue(mean > 0 && Double.isFinite(mean));
        assertEquals(TinyEncoderSizes.ALL, v.get("mezo").get("trainable").asLong());
        assertEquals(72, v.get("top1-cached").get("trainable").asLong(), "layer.1 of the tiny encoder");
        assertTrue(v.get("top1-cached").get("execution").asText().endsWith("frozen prefix cached up to layer.1"));
        assertEquals(16, v.get("bitfit").get("trainable").asLong(), "the two layer biases");
        assertEquals(2 * (8 * 8 + 8 * 8), v.get("lora").get("trainable").asLong(), "rank 8 on both 8x8 dense layers");
        assertTrue(v.get("dev_scoring").get("reference_over_cached").asDouble() > 0);
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> out = new java.util.ArrayList<>();
        names.forEachRemaining(out::add);
        return out;
    }

    /** Trainable values of the tiny encoder. */
    private static final class TinyEncoderSizes {
        static final long ALL = dev.zotuner.models.testing.TinyModels.ENCODER_PARAMETERS;
    }

    @Test
    void zeroRepeatsIsAOneLineError() {
        CliRun run = CliRun.of(args("--repeats", "0"));
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("zo: bench step: --repeats"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }

    @Test
    void unknownOptimizerIsAOneLineError() {
        CliRun run = CliRun.of(args("--optimizer", "sgd"));
        assertEquals(1, run.exit());
        assertTrue(run.err().startsWith("zo: unknown optimizer 'sgd'"), run.err());
    }
}
