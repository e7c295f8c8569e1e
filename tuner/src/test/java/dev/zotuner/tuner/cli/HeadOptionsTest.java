package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.zotuner.tuner.train.HeadConfig;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class HeadOptionsTest {

    private static HeadConfig parse(String... args) {
        HeadOptions options = new HeadOptions();
        new CommandLine(options).parseArgs(args);
        return options.config();
    }

    @Test
    void theDefaultIsTheSimilarityHeadAndEveryOptionReachesThePrototypeHeadsConfig() {
        assertNull(parse());
        assertNull(parse("--head", "similarity", "--head-lr", "0.5"));
        assertEquals(new HeadConfig(HeadConfig.PROTOTYPE, 1e-3, 0.1, 100), parse("--head", "prototype"));
        assertEquals(new HeadConfig(HeadConfig.PROTOTYPE, 0.01, 0.5, 30),
                parse("--head", "prototype", "--head-lr", "0.01", "--head-decay", "0.5", "--head-warmup", "30"));
    }

    @Test
    void anUnknownHeadOrABadValueIsOneLine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse("--head", "mlp"));
        assertEquals("--head must be 'similarity' or 'prototype', got 'mlp'", e.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> parse("--head", "prototype", "--head-lr", "-1"))
                .getMessage().contains("--head-lr"));
    }
}
