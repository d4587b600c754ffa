package dev.aichoose.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.aichoose.model.ServingCalibration;
import dev.aichoose.model.ThroughputMeasurement;
import dev.aichoose.report.ReportContent.Align;
import dev.aichoose.report.ReportContent.Column;
import dev.aichoose.report.ReportContent.Table;
import dev.aichoose.serving.AccuracyCell;
import dev.aichoose.serving.EstimateResult;
import dev.aichoose.serving.OperatingPoint;
import dev.aichoose.serving.ReplicaSearch;
import dev.aichoose.serving.ServingEstimate;
import dev.aichoose.serving.ServingModel;
import dev.aichoose.text.Figures;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** {@code aichoose estimate} output (docs/reports.md, "Estimate"): a terminal report, or JSON. */
public enum EstimateFormat implements OutputFormat<EstimateResult> {
    TABLE(List.of("txt")),
    JSON(List.of("json"));

    public static final String SCHEMA = "aichoose.estimate/v1";

    @SuppressWarnings("ImmutableEnumChecker") // built with List.of, which is unmodifiable
    private final List<String> extensions;

    EstimateFormat(List<String> extensions) {
        this.extensions = extensions;
    }

    @Override
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public List<String> extensions() {
        return extensions;
    }

    @Override
    public Renderer<EstimateResult> renderer() {
        return switch (this) {
            case TABLE -> (Renderer.Text<EstimateResult>) EstimateFormat::text;
            case JSON -> (Renderer.Text<EstimateResult>) (r, out) -> Json.write(document(r), out);
        };
    }

    // ---- JSON

    record Document(
            String schema,
            String hardware,
            String model,
            String quantization,
            String kvPrecision,
            String engine,
            String parallelism,
            int gpus,
            BigDecimal inputTokens,
            BigDecimal outputTokens,
            int concurrency,
            int streams,
            SloOut slo,
            Integer sloConcurrency,
            boolean serves,
            List<String> problems,
            BigDecimal tokensPerSecond,
            BigDecimal tokensPerSecondPerGpu,
            BigDecimal ttftMs,
            BigDecimal tpotMs,
            String bound,
            MemoryOut memory,
            StepOut step,
            AccuracyOut accuracy,
            int publishedRuns,
            List<NearOut> nearest,
            List<String> estimatedFigures,
            RangeOut tokensPerSecondRange,
            FitsAtOut fitsAt,
            EngineDefaultOut engineDefault,
            String unmeasured) {}

    /**
     * Where the replica runs more streams than its engine decodes at once by default: that default, the
     * setting the estimate needs ({@code needs}, as the server is told it), and what the replica delivers at
     * the default.
     */
    record EngineDefaultOut(
            int streams, String needs, BigDecimal tokensPerSecond, BigDecimal ttftMs, BigDecimal tpotMs) {}

    /** Where the model does not fit: the widest narrower format its engine reads at which it would, and the memory it needs there. */
    record FitsAtOut(String quantization, BigDecimal neededGb) {}

    /**
     * The replica's tok/s times its group's 10th and 90th percentile of measured ÷ estimate (publishers
     * weighted equally): where four in five publishers' runs would put it.
     */
    record RangeOut(BigDecimal low, BigDecimal high) {}

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record SloOut(BigDecimal ttftMs, BigDecimal tpotMs) {}

    record MemoryOut(
            BigDecimal weightsGb,
            BigDecimal kvPerStreamGb,
            BigDecimal overheadGb,
            BigDecimal usableGb,
            int streamsItHolds,
            BigDecimal kvHeldPerStreamGb) {}

    record StepOut(
            BigDecimal weightsMs,
            BigDecimal computeMs,
            BigDecimal kvMs,
            BigDecimal communicationMs,
            BigDecimal overheadMs,
            BigDecimal stepMs,
            BigDecimal prefillMs,
            BigDecimal prefillAloneMs) {}

    record AccuracyOut(
            String group,
            String label,
            int runs,
            int publishers,
            BigDecimal medianRatio,
            @JsonProperty("within_30_pct") BigDecimal within30Pct,
            @JsonProperty("within_25_pct") BigDecimal within25Pct,
            BigDecimal lowFactor,
            BigDecimal highFactor,
            @JsonProperty("within_30_pct_by_publisher") BigDecimal within30PctByPublisher,
            BigDecimal medianRatioByPublisher,
            String cell) {}

    record NearOut(
            String id,
            String hardware,
            int gpus,
            String model,
            String quantization,
            String engine,
            int concurrency,
            BigDecimal inputTokens,
            BigDecimal outputTokens,
            boolean decodeOnly,
            boolean heldOut,
            BigDecimal measuredTokensPerSecond,
            BigDecimal estimatedTokensPerSecond,
            BigDecimal ratio,
            String publisher,
            String source,
            String asOf) {}

    static Document document(EstimateResult r) {
        OperatingPoint p = r.point();
        ServingEstimate e = r.estimate();
        ServingEstimate.Memory m = e.memory();
        ServingEstimate.Step s = e.step();
        double tokens = r.serves() ? e.tokensPerSecond() : 0;
        return new Document(
                SCHEMA,
                r.hardware().id(),
                r.model().id(),
                p.quantization().id(),
                p.kvPrecision().id(),
                p.engine().id(),
                p.parallelism().id(),
                p.gpus(),
                Figures.tenths(p.inputTokens()),
                Figures.tenths(p.outputTokens()),
                p.concurrency(),
                Math.max(e.streams(), 0),
                r.request().slo().isEmpty()
                        ? null
                        : new SloOut(
                                r.request().slo().ttftMs() == null
                                        ? null
                                        : Figures.tenths(r.request().slo().ttftMs()),
                                r.request().slo().tpotMs() == null
                                        ? null
                                        : Figures.tenths(r.request().slo().tpotMs())),
                r.sloConcurrency().orElse(null),
                r.serves(),
                r.problems(),
                Figures.rateFigure(tokens),
                Figures.rateFigure(tokens / p.gpus()),
                Figures.tenths(e.ttftMs()),
                Figures.upTo(e.tpotMs(), 2),
                e.bound().id(),
                new MemoryOut(
                        Figures.upTo(m.weightsGb(), 2),
                        Figures.upTo(m.kvGbPerStream(), 4),
                        Figures.upTo(m.overheadGb(), 2),
                        Figures.upTo(m.usableGb(), 2),
                        m.streamsItHolds(),
                        Figures.upTo(m.kvGbHeldPerStream(), 4)),
                new StepOut(
                        Figures.upTo(s.weightsMs(), 3),
                        Figures.upTo(s.computeMs(), 3),
                        Figures.upTo(s.kvMs(), 3),
                        Figures.upTo(s.communicationMs(), 3),
                        Figures.upTo(s.overheadMs(), 3),
                        Figures.upTo(s.stepMs(), 3),
                        Figures.upTo(s.prefillMs(), 3),
                        Figures.upTo(s.prefillAloneMs(), 3)),
                r.accuracy().map(EstimateFormat::accuracy).orElse(null),
                r.publishedRuns(),
                r.nearest().stream().map(EstimateFormat::near).toList(),
                ServingModel.estimatedFigures(r.point()),
                r.serves() ? r.accuracy().map(a -> range(tokens, a)).orElse(null) : null,
                r.narrower()
                        .map(n -> new FitsAtOut(n.quantization().id(), Figures.tenths(n.neededGb())))
                        .orElse(null),
                r.engineDefault()
                        .map(d -> new EngineDefaultOut(
                                d.streams().streams(),
                                d.streams().setting(e.streams()),
                                Figures.rateFigure(d.estimate().tokensPerSecond()),
                                Figures.tenths(d.estimate().ttftMs()),
                                Figures.upTo(d.estimate().tpotMs(), 2)))
                        .orElse(null),
                r.unmeasured().orElse(null));
    }

    /**
     * Where four in five publishers' runs would put a replica estimated at {@code tokensPerSecond}: the rate
     * times its group's 10th and 90th percentile of measured ÷ estimate (docs/methodology.md §11.7).
     */
    static RangeOut range(double tokensPerSecond, ServingCalibration.GroupAccuracy a) {
        return new RangeOut(
                Figures.rateFigure(tokensPerSecond * a.lowFactor()),
                Figures.rateFigure(tokensPerSecond * a.highFactor()));
    }

    /** The measured, out-of-sample error of an estimate's group, as both JSON reports give it (§11.7). */
    static AccuracyOut accuracy(ServingCalibration.GroupAccuracy a) {
        Optional<AccuracyCell> cell = AccuracyCell.byId(a.group());
        return new AccuracyOut(
                cell.map(c -> c.group().id()).orElse(a.group()),
                a.label(),
                a.runs(),
                a.publishers(),
                Figures.upTo(a.medianRatio(), 3),
                Figures.upTo(a.within30() * 100, 1),
                Figures.upTo(a.within25() * 100, 1),
                Figures.upTo(a.lowFactor(), 3),
                Figures.upTo(a.highFactor(), 3),
                Figures.upTo(a.publisherWithin30() * 100, 1),
                Figures.upTo(a.publisherMedianRatio(), 3),
                cell.map(AccuracyCell::id).orElse(null));
    }

    private static NearOut near(EstimateResult.Neighbour n) {
        ThroughputMeasurement m = n.run();
        return new NearOut(
                m.id(),
                m.hardware(),
                m.gpus(),
                m.model(),
                m.quantization().id(),
                m.engine().id(),
                m.concurrency(),
                Figures.tenths(m.inputTokens()),
                Figures.tenths(m.outputTokens()),
                m.decodeOnly(),
                !m.fitted(),
                Figures.tenths(m.outputTokensPerSecond()),
                Figures.tenths(n.estimate()),
                Figures.upTo(n.ratio(), 3),
                m.publisher(),
                m.provenance().source(),
                m.provenance().asOf().toString());
    }

    /** The nearest runs as a text table, each run named by its id, or by its number when {@code numbered}. */
    private static String nearestTable(List<EstimateResult.Neighbour> nearest, boolean numbered) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < nearest.size(); i++) {
            EstimateResult.Neighbour n = nearest.get(i);
            ThroughputMeasurement run = n.run();
            rows.add(List.of(
                    numbered ? "#" + (i + 1) : run.id(),
                    run.gpus() + "×" + run.hardware().substring(run.hardware().indexOf('/') + 1),
                    run.engine().id(),
                    String.valueOf(run.concurrency()),
                    Figures.wholeCount(run.inputTokens()) + "/" + Figures.wholeCount(run.outputTokens())
                            + (run.decodeOnly() ? "*" : ""),
                    // one decimal in every row: 675.0 beside 539.9, not 675 (a whole number read as another kind)
                    Figures.rate(run.outputTokensPerSecond()) + (run.fitted() ? "" : "†"),
                    Figures.rate(n.estimate()),
                    String.format(Locale.ROOT, "%.2f", n.ratio())));
        }
        return Tables.text(
                Table.unmarked(
                        List.of(
                                new Column("run", Align.LEFT),
                                new Column("hardware", Align.LEFT),
                                new Column("engine", Align.LEFT),
                                new Column("streams", Align.RIGHT),
                                new Column("in/out", Align.RIGHT),
                                new Column("measured", Align.RIGHT),
                                new Column("estimate", Align.RIGHT),
                                new Column("ratio", Align.RIGHT)),
                        rows),
                TableReport.WIDTH - 2,
                0);
    }

    // ---- table

    private static void text(EstimateResult r, Writer w) throws IOException {
        StringWriter buffer = new StringWriter();
        PrintWriter out = new PrintWriter(buffer);
        OperatingPoint p = r.point();
        ServingEstimate e = r.estimate();
        String replica = p.gpus() == 1
                ? "1 × " + r.hardware().id() + " (" + p.engine().id() + ")"
                : String.format(
                        Locale.ROOT,
                        "%d × %s (%s parallel, %s)",
                        p.gpus(),
                        r.hardware().id(),
                        p.parallelism().id(),
                        p.engine().id());
        TableReport.wrap(
                out,
                "Estimate: " + r.model().id() + " at " + p.quantization().id() + " on " + replica + ", KV cache "
                        + p.kvPrecision().id(),
                "  ");
        TableReport.wrap(
                out,
                String.format(
                        Locale.ROOT,
                        "%s input and %s output tokens a request, %s",
                        Figures.wholeCount(p.inputTokens()),
                        Figures.wholeCount(p.outputTokens()),
                        r.sloConcurrency().isPresent() || !r.request().slo().isEmpty()
                                ? "the highest concurrency meeting "
                                        + ReplicaSearch.targetsWords(r.request().slo()) + ": "
                                        + r.sloConcurrency()
                                                .map(c -> c + " stream" + (c == 1 ? "" : "s"))
                                                .orElse("none")
                                : p.concurrency() + " stream" + (p.concurrency() == 1 ? "" : "s") + " asked for"),
                "  ");
        out.println();
        if (!r.serves()) {
            if (!e.fits()) {
                ServingEstimate.Memory m = e.memory();
                TableReport.wrap(
                        out,
                        String.format(
                                        Locale.ROOT,
                                        "Does not fit: it needs %.1f GB (weights %.1f GB, %s overhead %.2f GB, KV cache for one "
                                                + "request %.2f GB) and the replica offers %.1f GB usable.",
                                        m.neededGbForOneStream(),
                                        m.weightsGb(),
                                        p.engine().id(),
                                        m.overheadGb(),
                                        m.kvGbPerStream(),
                                        m.usableGb())
                                + r.narrower()
                                        .map(n -> " At " + n.words(p.engine()) + ": --quantization "
                                                + n.quantization().id() + ".")
                                        .orElse(""),
                        "  ");
            }
            for (String problem : r.problems()) TableReport.wrap(out, "Cannot serve: " + problem, "  ");
            out.println();
        } else {
            TableReport.wrap(
                    out,
                    String.format(
                            Locale.ROOT,
                            "%s tok/s per replica (%s per GPU), estimated, %d stream%s: %s-bound",
                            Figures.rate(e.tokensPerSecond()),
                            Figures.rate(e.tokensPerSecond() / p.gpus()),
                            e.streams(),
                            e.streams() == 1 ? "" : "s",
                            e.bound().label()),
                    "  ");
            TableReport.wrap(
                    out,
                    String.format(
                            Locale.ROOT,
                            "TTFT %s ms, TPOT %.1f ms (estimated: no queueing beyond the streams it runs)",
                            Figures.wholeCount(e.ttftMs()),
                            e.tpotMs()),
                    "  ");
            r.engineDefault()
                    .ifPresent(d -> TableReport.wrap(
                            out,
                            String.format(
                                    Locale.ROOT,
                                    "Engine setting: %s; started without it, the replica serves %d stream%s at %s "
                                            + "tok/s (TTFT %s ms, TPOT %.1f ms) and the rest queue",
                                    d.streams().words(e.streams()),
                                    d.streams().streams(),
                                    d.streams().streams() == 1 ? "" : "s",
                                    Figures.rate(d.estimate().tokensPerSecond()),
                                    Figures.wholeCount(d.estimate().ttftMs()),
                                    d.estimate().tpotMs()),
                            "  "));
        }
        TableReport.wrap(
                out,
                r.accuracy()
                        .map(a -> String.format(
                                Locale.ROOT,
                                "Measured error of its group, %s: %.0f %% of %s published runs (%d publisher%s) within "
                                        + "±30 %%%s, %.0f %% within ±25 %%, median estimate ÷ measured %.2f; "
                                        + "measured ÷ estimate %.2f–%.2f from the 10th to the 90th percentile "
                                        + "(publishers weighted equally)%s "
                                        + "(out of sample: each run estimated by a fit without its publisher, "
                                        + "docs/methodology.md §11.7)",
                                a.label(),
                                a.within30() * 100,
                                Figures.wholeCount(a.runs()),
                                a.publishers(),
                                a.publishers() == 1 ? "" : "s",
                                a.publishers() < 2
                                        ? ""
                                        : String.format(
                                                Locale.ROOT,
                                                " (%.0f %% with the publishers weighted equally)",
                                                a.publisherWithin30() * 100),
                                a.within25() * 100,
                                a.medianRatio(),
                                a.lowFactor(),
                                a.highFactor(),
                                r.serves()
                                        ? ", " + Figures.rate(e.tokensPerSecond() * a.lowFactor()) + "–"
                                                + Figures.rate(e.tokensPerSecond() * a.highFactor())
                                                + " tok/s for this replica"
                                        : ""))
                        .orElse("Measured error of its group, " + r.group().label()
                                + ": no published run in the table yet"),
                "  ");
        r.unmeasured().ifPresent(u -> TableReport.wrap(out, "Unchecked: " + u, "  "));
        List<String> estimated = ServingModel.estimatedFigures(r.point());
        if (!estimated.isEmpty()) {
            TableReport.wrap(
                    out,
                    "Rests on catalog figures that are estimates, not published: " + String.join(", ", estimated)
                            + " of " + r.hardware().id()
                            + " (the entry's note in pricing/gpus.yaml gives the reasoning)",
                    "  ");
        }
        out.println();
        ServingEstimate.Memory m = e.memory();
        out.println("Memory (GB, across the replica)");
        List<List<String>> memory = new ArrayList<>();
        memory.add(List.of("weights", String.format(Locale.ROOT, "%.2f", m.weightsGb())));
        memory.add(List.of(
                "KV cache per stream (" + Figures.wholeCount(p.inputTokens() + p.outputTokens()) + " tokens)",
                String.format(Locale.ROOT, "%.3f", m.kvGbPerStream())));
        if (m.kvGbHeldPerStream() < m.kvGbPerStream()) {
            memory.add(List.of(
                    "held on average (" + Figures.wholeCount(ServingModel.heldContext(p)) + " tokens)",
                    String.format(Locale.ROOT, "%.3f", m.kvGbHeldPerStream())));
        }
        memory.add(List.of(p.engine().id() + " overhead", String.format(Locale.ROOT, "%.2f", m.overheadGb())));
        memory.add(List.of(
                String.format(
                        Locale.ROOT,
                        "usable (%.0f %% of %d × %.1f)",
                        ServingModel.usableShare(p.engine(), r.hardware()) * 100,
                        p.gpus(),
                        r.hardware().vramGb() * ServingModel.VRAM_BYTES_PER_GB / ServingModel.GB),
                String.format(Locale.ROOT, "%.2f", m.usableGb())));
        int holds = m.streamsItHolds();
        memory.add(List.of("streams it holds", holds == Integer.MAX_VALUE ? "no limit" : Figures.wholeCount(holds)));
        out.print(indent(Tables.text(
                        Table.unmarked(List.of(new Column("", Align.LEFT), new Column("", Align.RIGHT)), memory))
                .lines()
                .skip(2)
                .reduce("", (a, b) -> a + b + "\n")));
        out.println();
        ServingEstimate.Step s = e.step();
        out.println("A decode step and a prefill (ms)");
        List<List<String>> step = List.of(
                List.of("weights read", ms(s.weightsMs())),
                List.of("matrix products", ms(s.computeMs())),
                List.of("KV cache read", ms(s.kvMs())),
                List.of("communication", ms(s.communicationMs())),
                List.of("engine overhead", ms(s.overheadMs())),
                List.of("step: max(weights, products) + the rest", ms(s.stepMs())),
                List.of("one prompt's prefill among decoding streams", ms(s.prefillMs())),
                List.of("one prompt's prefill on its own", ms(s.prefillAloneMs())));
        out.print(indent(Tables.text(
                        Table.unmarked(List.of(new Column("", Align.LEFT), new Column("", Align.RIGHT)), step))
                .lines()
                .skip(2)
                .reduce("", (a, b) -> a + b + "\n")));
        out.println();
        TableReport.wrap(
                out,
                "Nearest published runs (" + Figures.wholeCount(r.publishedRuns())
                        + " validated in pricing/throughput-measurements.yaml), the model at each run's own operating"
                        + " point",
                "  ");
        String nearest = nearestTable(r.nearest(), false);
        // ids that stay unique only at full length would push the table past the width: number the runs
        // and give each id in full beneath it instead
        boolean numbered = nearest.lines().anyMatch(l -> l.length() > TableReport.WIDTH - 2);
        if (numbered) nearest = nearestTable(r.nearest(), true);
        out.print(indent(nearest));
        if (numbered) {
            for (int i = 0; i < r.nearest().size(); i++)
                out.println("  #" + (i + 1) + " " + r.nearest().get(i).run().id());
        }
        if (r.nearest().stream().anyMatch(n -> n.run().decodeOnly())) {
            out.println("  * decode rate at that context, prefill excluded (llama-bench tg, or 1,000 ÷ TPOT)");
        }
        if (r.nearest().stream().anyMatch(n -> !n.run().fitted())) {
            out.println("  † held out of the fit: a check of the model out of sample (docs/methodology.md §11.7)");
        }
        out.flush();
        w.write(buffer.toString());
        w.flush();
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String indent(String block) {
        return block.lines().map(l -> "  " + l).reduce("", (a, b) -> a + b + "\n");
    }
}
