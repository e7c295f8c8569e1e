package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.zotuner.tuner.bench.BenchLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PerturbBenchCommandTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        assertEquals(0, status, err.toString());
        return out.toString();
    }

    @Test
    void jsonReportHasEveryMeasurement() throws Exception {
        JsonNode r = new ObjectMapper().readTree(run("perturb", "--json", "--vocab", "40", "--layers", "1",
                "--threads", "2", "--repeats", "1", "--samples", "8192", "--drift-steps", "2"));
        assertEquals(BenchLayout.minilm(40, 1).size(), r.get("elements").asLong());
        for (String g : new String[] {"random_next_gaussian", "reference", "scalar", "vector"}) {
            assertTrue(r.get("generator_ns_per_sample").get(g).asDouble() > 0, g);
        }
        for (String t : new String[] {"1", "2"}) {
            assertTrue(r.get("perturb_pass_ns_per_element_by_threads").get(t).asDouble() > 0);
            JsonNode step = r.get("mezo_step_ms_by_threads").get(t);
            for (String v : new String[] {"paper_4_passes", "in_place_3_passes", "snapshot_3_passes", "lookahead_2_passes"}) {
                assertTrue(step.get(v).asDouble() > 0, t + " " + v);
            }
        }
        assertEquals(2, r.get("in_place_drift").get("steps").asInt());
        assertEquals("vector", r.get("machine").get("generator").asText());
    }

    @Test
    void textReportAndBadOptions() {
        String text = run("perturb", "--vocab", "8", "--layers", "0", "--threads", "1", "--repeats", "1",
                "--samples", "4096", "--drift-steps", "1");
        assertTrue(text.contains("mezo_step_ms_by_threads: "), text);
        CommandLine cl = new CommandLine(new BenchCommand());
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(1, cl.execute("perturb", "--threads", "0"));
    }
}
