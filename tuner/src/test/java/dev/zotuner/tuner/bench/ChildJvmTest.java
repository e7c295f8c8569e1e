package dev.zotuner.tuner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path tmp;

    @Test
    void startsZoLikeScriptsZoDoes() {
        ChildJvm jvm = ChildJvm.likeThisOne(null, 60);
        List<String> cmd = jvm.command(List.of("--version"));
        assertEquals(List.of("-Xmx8g", "-XX:MaxDirectMemorySize=1t", "--add-modules", "jdk.incubator.vector", "-Dai.djl.offline=true",
                "-Dslf4j.internal.verbosity=ERROR", "-cp"), cmd.subList(1, 8));
        assertEquals(List.of(ChildJvm.MAIN, "--version"), cmd.subList(9, 11));
        assertEquals(List.of("-Xmx16g", "-XX:+UseSerialGC"), ChildJvm.likeThisOne(" -Xmx16g  -XX:+UseSerialGC ", 60).jvmOptions());
    }

    @Test
    void childrenGetTheMallocSettingsScriptsZoExports() throws Exception {
        String script = Files.readString(Path.of("..", "scripts", "zo"));
        ChildJvm.MALLOC.forEach((name, value) -> assertTrue(script.contains(name + "=\"${" + name + ":-" + value + "}\""),
                name + "=" + value + " not exported by scripts/zo"));
    }

    @Test
    void runsAChildAndPollsItsPeak() throws Exception {
        ChildJvm jvm = ChildJvm.likeThisOne("-Xmx256m", 120);
        ChildJvm.Run ok = jvm.run(List.of("--version"), tmp.resolve("out"), tmp.resolve("err"));
        assertEquals(0, ok.exitCode());
        assertFalse(ok.timedOut());
        assertFalse(Files.readString(tmp.resolve("out")).isBlank());
        ChildJvm.Run bad = jvm.run(List.of("model", "inspect", "--model", "/no/such/model.onnx"), tmp.resolve("o2"),
                tmp.resolve("e2"));
        assertEquals(1, bad.exitCode());
        assertEquals("model file not found: /no/such/model.onnx",
                FailureCause.of(bad.exitCode(), bad.timedOut(), 120, Files.readString(tmp.resolve("e2"))));
    }

    @Test
    void aStopEndsTheRunningChildWithSigtermAndThrows() {
        ChildJvm jvm = ChildJvm.likeThisOne("-Xmx256m", 600);
        long t0 = System.nanoTime();
        List<Long> children = new ArrayList<>();
        CancellationException e = assertThrows(CancellationException.class, () -> jvm.run(
                List.of("bench", "perturb", "--samples", "1000000000000", "--threads", "1"), tmp.resolve("o"),
                tmp.resolve("e"), () -> {
                    ProcessHandle.current().children().forEach(c -> children.add(c.pid()));
                    return System.nanoTime() - t0 > 3_000_000_000L;
                }));
        assertTrue(e.getMessage().startsWith("stopped: ended the child running zo bench perturb"), e.getMessage());
        assertFalse(children.isEmpty(), "a child was running when the stop came");
        assertTrue(children.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)),
                "the child is gone");
        assertTrue((System.nanoTime() - t0) / 1e9 < ChildJvm.STOP_GRACE_SECONDS, "SIGTERM ended it, not the SIGKILL");
    }

    @Test
    void killsAChildAtTheTimeout() {
        ChildJvm jvm = ChildJvm.likeThisOne("-Xmx256m", 0.3);
        ChildJvm.Run run = jvm.run(List.of("toy", "flat-minima", "--help"), tmp.resolve("o"), tmp.resolve("e"));
        assertTrue(run.timedOut() || run.exitCode() == 0, "a JVM rarely starts in 0.3 s; if it did, fine");
        if (run.timedOut()) {
            assertEquals(-1, run.exitCode());
        }
    }
}
