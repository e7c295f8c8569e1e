package dev.zotuner.tuner.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ZoCommandTest {

    @Test
    void aCommandLineThatDoesNotParseIsOneLineNamingTheCommandWithExitTwo() {
        CliRun unknown = CliRun.of("trace", "--probs", "3");
        assertEquals(2, unknown.exit());
        assertEquals("zo trace: Unknown options: '--probs', '3' (did you mean --prompts or --probes or --probe-seed? zo trace --help for usage)",
                unknown.err().strip());
        CliRun notANumber = CliRun.of("stability", "--lr", "fast");
        assertEquals(2, notANumber.exit());
        assertEquals(1, notANumber.err().strip().lines().count(), notANumber.err());
        assertEquals(true, notANumber.err().startsWith("zo stability: Invalid value for option '--lr'"), notANumber.err());
    }

    @Test
    void aFailureWhileRunningIsOneLineWithExitOne() {
        CliRun r = CliRun.of("stability", "--lr", "-1", "--trace", "2");
        assertEquals(1, r.exit());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertEquals(true, r.err().startsWith("zo: "), r.err());
    }

    @Test
    void aCommandGivingUpAtAStopRequestIsOneLineWithTheSignalsStatus() {
        GracefulStop stop = GracefulStop.inactive();
        java.io.StringWriter err = new java.io.StringWriter();
        CommandLine cl = ZoCommand.commandLine(stop);
        cl.setErr(new java.io.PrintWriter(err, true));
        CommandLine trace = cl.getSubcommands().get("trace");
        java.util.concurrent.CancellationException cancelled = new java.util.concurrent.CancellationException("stopped");
        assertEquals(1, ZoCommand.oneLineError(cancelled, trace, null), "no signal: an ordinary failure");
        stop.received("TERM");
        assertEquals(143, ZoCommand.oneLineError(new IllegalStateException("wrapped", cancelled), trace, null));
        assertEquals("zo trace: stopped by SIGTERM before it finished; nothing was written (run it again)",
                err.toString().lines().reduce((a, b) -> b).orElseThrow());
        assertEquals(1, ZoCommand.oneLineError(new IllegalStateException("disk full"), trace, null),
                "after a signal, other failures stay failures");
    }
}
