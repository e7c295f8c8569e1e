package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleReportTest {

    @Test
    void jsonHoldsSettingsFiguresCausesAndRatios() throws Exception {
        ScaleReport r = new ScaleReport("2026-12-06T10:00:00", 2, "17.0.15", ChildJvm.likeThisOne("-Xmx8g", 1800),
                ScaleSettings.defaults(), 2.5, 3.0, 1234.5, List.of(ScaleFixtures.measured(), ScaleFixtures.failing()));
        JsonNode root = new ObjectMapper().readTree(r.json());
        assertEquals("zo bench scale", root.path("benchmark").asText());
        assertEquals("-Xmx8g", root.path("machine").path("child_jvm_options").get(0).asText());
        assertEquals(24, root.path("settings").path("seq").asInt());
        JsonNode bert = root.path("models").get(0);
        assertEquals(109_514_298L, bert.path("parameters").asLong());
        assertEquals(400.0, bert.path("figures").path("ort").path("forward_ms").asDouble());
        assertEquals(1.25, bert.path("ratios").path("eval_over_ort").path("target").asDouble());
        assertFalse(bert.path("ratios").path("eval_over_ort").path("meets").asBoolean());
        JsonNode opt = root.path("models").get(1);
        assertEquals("1220022272 trainable values exceed one 2 GiB buffer", opt.path("figures").path("eval").path("cause").asText());
        assertTrue(opt.path("figures").path("export").path("peak_rss_mib").isNull());
        assertTrue(opt.path("ratios").path("eval_over_ort").path("value").isNull());
    }

    @Test
    void readsBackWhatItWroteSoTheMarkdownCanBeRenderedAgain() {
        ScaleReport r = new ScaleReport("2026-12-06T10:00:00", 2, "17.0.15", ChildJvm.likeThisOne("-Xmx8g", 1800),
                ScaleSettings.defaults(), 2.5, 3.0, 1234.5, List.of(ScaleFixtures.measured(), ScaleFixtures.failing()));
        ScaleReport back = ScaleReport.parse(r.json());
        assertEquals(r.markdown(), back.markdown());
        assertEquals(r.models().get(1).figures(), back.models().get(1).figures());
        assertTrue(r.markdown().startsWith("# zo bench scale, 2026-12-06T10:00:00\n\n"), r.markdown());
        assertTrue(r.markdown().contains("2 CPUs, Java 17.0.15, child JVMs -Xmx8g; load average 2.5 → 3.0; task sst2 (k 8, 32 test examples, "
                + "4 steps), ORT batch 16 × 24 with 2 threads; 1235 s in all."), r.markdown());
    }
}
