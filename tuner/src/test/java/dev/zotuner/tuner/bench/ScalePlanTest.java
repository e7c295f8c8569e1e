package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScalePlanTest {

    private final ScalePlan plan = new ScalePlan(ScaleSettings.defaults(), Path.of("/m/opt"), Path.of("/m/opt/model.onnx"),
            Path.of("/w/opt"));

    @Test
    void plainOrtAndLoadAreProbeModes() {
        assertEquals(List.of("bench", "probe", "--result", "/w/opt/ort.result.json", "--ort", "/m/opt/model.onnx",
                "--threads", "2", "--batch", "16", "--seq", "24", "--runs", "3", "--seed", "42"), plan.args(ScaleFigure.ORT));
        assertEquals(List.of("bench", "probe", "--result", "/w/opt/load.result.json", "--load", "/m/opt", "--cache-dir",
                "/w/opt/cache-load", "--batch", "16", "--seq", "24", "--runs", "3", "--seed", "42"), plan.args(ScaleFigure.LOAD));
        assertTrue(plan.args(ScaleFigure.EXPORT_RELOAD).contains("/w/opt/export/model.onnx"));
    }

    @Test
    void zoCommandsFollowTheSeparator() {
        List<String> eval = plan.args(ScaleFigure.EVAL);
        assertEquals(List.of("--", "eval", "--model", "/m/opt", "--task", "sst2", "--mode", "zero-shot", "--seeds", "42",
                "--test-cap", "32", "--cache-dir", "/w/opt/cache-eval"), eval.subList(4, eval.size()));
        List<String> lora = plan.args(ScaleFigure.FINETUNE_LORA);
        assertTrue(String.join(" ", lora).endsWith("--run-dir /w/opt/runs/finetune-lora --cache-dir /w/opt/cache-finetune-lora "
                + "--optimizer zo-sgd --peft lora"), String.join(" ", lora));
        assertTrue(String.join(" ", plan.args(ScaleFigure.FINETUNE_BCD)).endsWith("--optimizer mezo-bcd"));
        assertTrue(String.join(" ", plan.args(ScaleFigure.STEP)).contains("-- bench step --model /m/opt --task sst2 --k 8"));
        assertEquals(List.of("--", "export", "/w/opt/runs/finetune-full", "--out", "/w/opt/export/model.onnx", "--cache-dir",
                "/w/opt/cache-export"), plan.args(ScaleFigure.EXPORT).subList(4, 11));
    }
}
