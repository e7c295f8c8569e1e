package dev.zotuner.tuner.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.rundir.RunDirectoryException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LogTruncationTest {

    private static LogTruncation plan(String content, long step) {
        return LogTruncation.plan(LogLine.split(content.getBytes(StandardCharsets.UTF_8)), step,
                "m.jsonl");
    }

    private static String kept(String content, long step) {
        return content.substring(0, (int) plan(content, step).keepBytes());
    }

    private static final String LOG = """
            {"type":"step","step":1}
            {"type":"step","step":2}
            {"type":"eval","step":2}
            {"type":"step","step":3}
            {"type":"eval","step":3}
            """;

    @Test
    void keepsEveryRecordUpToTheStepIncludingItsEvaluations() {
        assertEquals("""
                {"type":"step","step":1}
                {"type":"step","step":2}
                {"type":"eval","step":2}
                """, kept(LOG, 2));
        assertEquals(new LogTruncation(75, false, 3, 2), plan(LOG, 2));
        assertEquals(LOG, kept(LOG, 3));
        assertEquals("", kept(LOG, 0));
    }

    @Test
    void cutsAtTheFirstLaterStepEvenIfEarlierStepsFollow() {
        String log = LOG + "{\"type\":\"eval\",\"step\":1,\"split\":\"test\"}\n";
        assertEquals(LOG.substring(0, LOG.indexOf("{\"type\":\"step\",\"step\":3")),
                kept(log, 2));
        assertEquals(3, plan(log, 2).droppedLines());
    }

    @Test
    void dropsAPartialLastLineAndCompletesAWholeOne() {
        LogTruncation partial = plan(LOG + "{\"type\":\"st", 9);
        assertEquals(LOG.length(), partial.keepBytes());
        assertEquals(1, partial.droppedLines());
        String whole = LOG + "{\"type\":\"step\",\"step\":4}";
        LogTruncation complete = plan(whole, 9);
        assertEquals(whole.length(), complete.keepBytes());
        assertTrue(complete.addNewline());
        assertEquals(0, complete.droppedLines());
    }

    @Test
    void aDamagedCompleteLineBeforeTheCutIsAnError() {
        String log = "{\"type\":\"step\",\"step\":1}\nnot json\n{\"type\":\"step\",\"step\":2}\n";
        RunDirectoryException e = assertThrows(RunDirectoryException.class, () -> plan(log, 5));
        assertTrue(e.getMessage().startsWith("m.jsonl:2: malformed JSON"), e.getMessage());
        assertEquals("m.jsonl:1: missing field 'step'", assertThrows(RunDirectoryException.class,
                () -> plan("{\"type\":\"step\"}\n", 5)).getMessage());
    }

    @Test
    void blankLinesAreKeptInsideTheCutAndTheCountsIgnoreThem() {
        String log = "{\"step\":1}\n\n{\"step\":2}\n\n";
        assertEquals(new LogTruncation(12, false, 1, 1), plan(log, 1));
    }
}
