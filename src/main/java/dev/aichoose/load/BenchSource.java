package dev.aichoose.load;

import dev.aichoose.input.InputException;
import dev.aichoose.model.Option;
import dev.aichoose.model.Workload;
import java.nio.file.Path;

/** Reads a bench result and picks the throughput that meets the latency targets. */
@FunctionalInterface
public interface BenchSource {
    /**
     * The capacity a bench result file gives under the latency targets.
     *
     * @throws InputException when the file is missing or invalid, or no run qualifies
     */
    Option.Measured read(Path file, Workload.LatencySlo slo);
}
