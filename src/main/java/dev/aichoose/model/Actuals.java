package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What providers' exports say was used and billed, line by line, each line traced to the place in
 * its file it was read from. The readers in {@code load} fill it; {@code aichoose reconcile} maps
 * each line to an option and sets it against the forecast.
 */
public record Actuals(List<Line> lines, List<Period> covered) {
    public Actuals {
        lines = List.copyOf(lines);
        covered = List.copyOf(covered);
    }

    /** Lines that cover only their own periods. */
    public static Actuals covering(List<Line> lines) {
        return new Actuals(
                lines, lines.stream().map(l -> new Period(l.start(), l.end())).toList());
    }

    /**
     * A period an export covers, {@code [start, end)}: every bucket of a page, empty ones too (nothing
     * was used that day), every CSV row.
     */
    public record Period(Instant start, Instant end) {}

    /** Where a line was read: its file, line and column, and a JSON pointer or CSV column where there is one. */
    public record Origin(String file, int line, int column, String pointer) {
        @Override
        public String toString() {
            return file + ":" + line + ":" + column
                    + (pointer == null || pointer.isEmpty() ? "" : " (" + pointer + ")");
        }
    }

    /** The export a line came from. */
    public enum Source {
        OPENAI_USAGE("openai", "OpenAI usage (/v1/organization/usage/completions)"),
        OPENAI_COSTS("openai", "OpenAI costs (/v1/organization/costs)"),
        ANTHROPIC_USAGE("anthropic", "Anthropic usage report (/v1/organizations/usage_report/messages)"),
        ANTHROPIC_COSTS("anthropic", "Anthropic cost report (/v1/organizations/cost_report)"),
        FOCUS("focus", "FOCUS billing export"),
        CSV("csv", "usage CSV");

        private final String provider;
        private final String title;

        Source(String provider, String title) {
            this.provider = provider;
            this.title = title;
        }

        /** Whose prices the export's models are: {@code openai}, {@code anthropic}, or none for FOCUS and CSV. */
        public String provider() {
            return provider;
        }

        public String title() {
            return title;
        }

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * What a line says about whose it is: the model as the provider named it (null when the export
     * was not grouped by model), its tags (a FOCUS row's Tags, an OpenAI project_id), and, in the
     * plain CSV, the option itself.
     */
    public record Match(String model, Map<String, String> tags, String option) {
        public Match {
            tags = tags == null ? Map.of() : Map.copyOf(tags);
        }
    }

    /** One line of an export, over the period {@code [start, end)}. */
    public sealed interface Line {
        Origin origin();

        Source source();

        Instant start();

        Instant end();

        Match match();

        /** The calendar month (UTC) the line's period falls in. */
        default YearMonth month() {
            return YearMonth.from(start().atZone(ZoneOffset.UTC));
        }
    }

    /**
     * Tokens used. {@code requests} is null where the export counts none (Anthropic's usage report);
     * {@code inputTokens} counts every input token, cached and written included; {@code cacheWriteTokens}
     * is null where the export does not report writes; {@code outputTokens} includes reasoning.
     */
    @RecordBuilder
    public record Usage(
            Origin origin,
            Source source,
            Instant start,
            Instant end,
            Match match,
            Double requests,
            double inputTokens,
            double cachedInputTokens,
            Double cacheWriteTokens,
            double outputTokens)
            implements Line {}

    /**
     * Dollars billed. {@code label} says what the line is (an OpenAI line item, an Anthropic token
     * type, a FOCUS SKU); {@code hours} are the hours a FOCUS usage row consumed, where its unit is an
     * hour, per instance or ({@code perGpu}) per GPU.
     */
    @RecordBuilder
    public record Charge(
            Origin origin,
            Source source,
            Instant start,
            Instant end,
            Match match,
            double usd,
            Kind kind,
            String label,
            Double hours,
            boolean perGpu)
            implements Line {

        public enum Kind {
            /** What tokens of the option's model were billed, split from the rest of the bill. */
            TOKENS,
            /** The whole bill for a period, not split into tokens and other lines. */
            UNSPLIT,
            /** A line the model does not price by tokens or hours: tools, storage, tax, credits. */
            OTHER,
            /** A FOCUS usage row: hours for rented GPUs, tokens (not split by kind) for an API. */
            USAGE
        }
    }
}
