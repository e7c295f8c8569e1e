package dev.zotuner.tuner.rundir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class EvalRecordTest {

    private static JsonFields json(String s) {
        return JsonFields.parse(JsonFields.mapper(), s, "m.jsonl", 2);
    }

    @Test
    void readsDevAndTest() {
        EvalRecord dev = EvalRecord.of(json("{\"type\":\"eval\",\"step\":50,\"split\":\"dev\","
                + "\"accuracy\":0.75,\"macro_f1\":0.7,\"loss\":0.4}"));
        assertEquals(new EvalRecord(50, "dev", 0.75, 0.7, 0.4), dev);
        assertTrue(dev.isDev());
        assertFalse(dev.isTest());
        EvalRecord test = EvalRecord.of(json("{\"step\":50,\"split\":\"test\",\"accuracy\":0.5,"
                + "\"macro_f1\":0.5,\"loss\":0.6}"));
        assertTrue(test.isTest());
        assertFalse(test.isDev());
    }

    @Test
    void splitMustBeANonEmptyString() {
        assertEquals("m.jsonl:2: field 'split' must be a string, found number 1",
                assertThrows(RunDirectoryException.class, () -> EvalRecord.of(json("{\"step\":1,"
                        + "\"split\":1,\"accuracy\":0.5,\"macro_f1\":0.5,\"loss\":0.6}")))
                        .getMessage());
        assertThrows(RunDirectoryException.class, () -> EvalRecord.of(json("{\"step\":1,"
                + "\"split\":\" \",\"accuracy\":0.5,\"macro_f1\":0.5,\"loss\":0.6}")));
        assertThrows(RunDirectoryException.class, () -> EvalRecord.of(json("{\"step\":1,"
                + "\"split\":\"dev\",\"macro_f1\":0.5,\"loss\":0.6}")));
    }
}
