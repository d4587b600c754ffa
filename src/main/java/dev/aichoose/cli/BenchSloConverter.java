package dev.aichoose.cli;

import dev.aichoose.model.Workload;
import dev.aichoose.model.WorkloadLatencySloBuilder;
import java.util.HashSet;
import java.util.Set;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code ttft=500ms,tpot=50ms,e2e=10s}: any of the three, a bare number being milliseconds. */
final class BenchSloConverter implements ITypeConverter<Workload.LatencySlo> {
    @Override
    public Workload.LatencySlo convert(String value) {
        Double ttft = null;
        Double tpot = null;
        Double e2e = null;
        Set<String> seen = new HashSet<>();
        for (String part : value.split(",", -1)) {
            int eq = part.indexOf('=');
            if (eq < 0)
                throw new TypeConversionException(
                        "'" + part + "' is not metric=duration (example: ttft=500ms,tpot=50ms)");
            String metric = part.substring(0, eq).trim().toLowerCase(java.util.Locale.ROOT);
            if (!seen.add(metric)) throw new TypeConversionException("'" + metric + "' is given twice");
            double ms;
            try {
                ms = BenchDurationConverter.parse(part.substring(eq + 1), "ms").toNanos() / 1e6;
            } catch (TypeConversionException e) {
                throw new TypeConversionException(metric + ": " + e.getMessage());
            }
            switch (metric) {
                case "ttft" -> ttft = ms;
                case "tpot" -> tpot = ms;
                case "e2e" -> e2e = ms;
                default ->
                    throw new TypeConversionException("unknown SLO metric '" + metric + "' (known: ttft, tpot, e2e)");
            }
        }
        return WorkloadLatencySloBuilder.builder()
                .ttftMs(ttft)
                .tpotMs(tpot)
                .e2eMs(e2e)
                .build();
    }
}
