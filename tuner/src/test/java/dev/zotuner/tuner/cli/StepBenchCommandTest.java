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
        CliRun run = CliRun.of(args("--repeats", "3", "--warmup", "1", "--steps", "2", "--json"));
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
