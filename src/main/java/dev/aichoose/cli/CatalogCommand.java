package dev.aichoose.cli;

import dev.aichoose.catalog.CatalogDiff;
import dev.aichoose.catalog.CatalogDiffReport;
import dev.aichoose.catalog.CatalogImport;
import dev.aichoose.catalog.CatalogSources;
import dev.aichoose.catalog.Imported;
import dev.aichoose.catalog.ImportedOffers;
import dev.aichoose.catalog.LayerWriter;
import dev.aichoose.catalog.SkypilotFiles;
import dev.aichoose.catalog.SkypilotImport;
import dev.aichoose.input.InputFiles;
import dev.aichoose.input.InputKind;
import dev.aichoose.load.CatalogLoader;
import dev.aichoose.load.Sanity;
import dev.aichoose.model.ApiModel;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.Gpu;
import dev.aichoose.report.Renderer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "catalog",
        addMethodSubcommands = false, // aichoose has no @Command methods; see BaseCommand
        mixinStandardHelpOptions = true,
        description = "Browse the price and hardware catalogs, import public price lists, see what changed.",
        subcommands = {
            CatalogCommand.ListCommand.class,
            CatalogCommand.ImportCommand.class,
            CatalogCommand.DiffPricesCommand.class,
            CatalogCommand.TrendCommand.class
        })
final class CatalogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    enum Kind {
        API,
        GPU,
        CLOUD,
        MODEL
    }

    @Command(
            name = "list",
            mixinStandardHelpOptions = true,
            description = "List the ids a scenario can use, with their key figures, date and source.")
    static final class ListCommand extends BaseCommand {
        @Mixin
        PricingOptions pricing;

        @Option(
                names = {"-k", "--kind"},
                paramLabel = "KIND",
                description = "Only this kind: ${COMPLETION-CANDIDATES} (api models, GPUs and systems, "
                        + "cloud GPU offers, open-weight models).")
        Kind kind;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write the list to FILE (atomically) instead of standard output.")
        Path output;

        @Override
        protected void validate() {
            CommandOutput.checkFile("-o", output);
        }

        @Override
        protected ExitCode execute() {
            Catalog c = pricing.load(spec.commandLine().getErr());
            new Inputs().addAll(pricing.files(), "a price book").refuse("-o", output);
            PrintWriter err = spec.commandLine().getErr();
            CommandOutput.printOrWrite(
                    output,
                    (catalog, w) -> list(catalog, new PrintWriter(w)),
                    c,
                    spec.commandLine().getOut(),
                    err);
            c.warnings().forEach(w -> err.println("aichoose: warning: " + w));
            return ExitCode.OK;
        }

        /** The ids of the kinds asked for, a heading each. */
        private void list(Catalog c, PrintWriter out) {
            if (kind == null || kind == Kind.API) {
                out.println(
                        "API models (USD per million tokens: input / cached input / output, context)   for api.model");
                c.apiModels()
                        .values()
                        .forEach(m -> out.println(String.format(
                                Locale.ROOT,
                                "  %-44s %8.3f %8.3f %8.2f %9s  %-8s %s%s",
                                m.id(),
                                m.inputUsdPerMtok(),
                                m.cachedInputUsdPerMtok() == null ? m.inputUsdPerMtok() : m.cachedInputUsdPerMtok(),
                                m.outputUsdPerMtok(),
                                m.contextTokens() == null ? "-" : tokens(m.contextTokens()),
                                m.quality().name().toLowerCase(Locale.ROOT),
                                m.provenance().asOf(),
                                extras(m))));
            }
            if (kind == null || kind == Kind.GPU) {
                out.println("GPUs and systems (price USD, GPUs, VRAM GB, bandwidth GB/s, dense BF16 TFLOPS, TDP W; "
                        + "~ an estimate, a-b a range)   for self_hosted.hardware");
                c.gpus()
                        .values()
                        .forEach(g -> out.println(String.format(
                                Locale.ROOT,
                                "  %-32s %-21s %2d× %6.0f %7.0f %7s %6.0f  %-11s %s%s",
                                g.id(),
                                price(g),
                                g.gpusPerSystem(),
                                g.vramGb(),
                                g.memoryBandwidthGbps(),
                                tflops(g),
                                g.tdpW(),
                                g.hardwareClass(),
                                g.provenance().asOf(),
                                g.card() == null ? "" : "  (" + g.gpusPerSystem() + " × " + g.card() + ")")));
            }
            if (kind == null || kind == Kind.CLOUD) {
                out.println("Cloud GPU offers (USD per GPU-hour, GPUs per instance, GPU)   for rented.offer");
                c.cloudOffers()
                        .values()
                        .forEach(o -> out.println(String.format(
                                Locale.ROOT,
                                "  %-32s %8.3f %2d× %-26s %-10s %s",
                                o.id(),
                                o.usdPerGpuHour(),
                                o.gpus(),
                                o.gpu(),
                                o.tier(),
                                o.provenance().asOf())));
            }
            if (kind == null || kind == Kind.MODEL) {
                out.println(
                        "Open-weight models (params B, active B, layers, KV heads, head dim, context)   for *.model");
                c.openModels()
                        .values()
                        .forEach(m -> out.println(String.format(
                                Locale.ROOT,
                                "  %-36s %7.1f %7.1f %4d %4d %5d %8d  %s",
                                m.id(),
                                m.paramsB(),
                                m.activeParamsB(),
                                m.layers(),
                                m.kvHeads(),
                                m.headDim(),
                                m.contextTokens(),
                                m.license())));
            }
            out.flush();
        }

        private static String tokens(int n) {
            return n % 1000 == 0 ? n / 1000 + "k" : String.valueOf(n);
        }

        /** The prices beyond input and output the model lists, named briefly. */
        private static String extras(ApiModel m) {
            List<String> parts = new ArrayList<>();
            if (m.cacheWriteUsdPerMtok() != null) parts.add("write " + Sanity.show(m.cacheWriteUsdPerMtok()));
            if (m.cacheWrite1hUsdPerMtok() != null) parts.add("write-1h " + Sanity.show(m.cacheWrite1hUsdPerMtok()));
            if (m.reasoningUsdPerMtok() != null) parts.add("reasoning " + Sanity.show(m.reasoningUsdPerMtok()));
            for (ApiModel.LongContextTier t : m.longContext()) {
                parts.add((t.inclusive() ? "≥" : ">") + tokens(t.thresholdTokens()) + " "
                        + Sanity.show(t.inputUsdPerMtok()) + "/" + Sanity.show(t.outputUsdPerMtok()));
            }
            if (m.batchDiscount() != null) parts.add("batch −" + Math.round(m.batchDiscount() * 100) + "%");
            m.serviceTiers().keySet().stream().sorted().forEach(t -> parts.add(t.id()));
            return parts.isEmpty() ? "" : "  " + String.join(", ", parts);
        }

        private static String price(Gpu g) {
            if (g.priceUsd() == null) return "no card price";
            String price = (g.isEstimated("price_usd") ? "~" : "") + String.format(Locale.ROOT, "%.0f", g.priceUsd());
            if (g.priceRangeUsd().size() == 2) {
                price += String.format(
                        Locale.ROOT,
                        " (%.0f-%.0f)",
                        g.priceRangeUsd().get(0),
                        g.priceRangeUsd().get(1));
            }
            return price;
        }

        private static String tflops(Gpu g) {
            if (g.bf16DenseTflops() == null) return "-";
            return (g.isEstimated("bf16_dense_tflops") ? "~" : "") + Sanity.show(g.bf16DenseTflops());
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = {
                "Convert a public price list into a price-book layer (the catalog format --pricing reads).",
                "FORMAT is litellm (model_prices_and_context_window.json), openrouter (the /api/v1/models response) "
                        + "or genai-prices (prices/data.json). Chat models only; the others are skipped and counted. "
                        + "Prices that fail the sanity bounds are reported with their key and left out. "
                        + "A summary goes to standard error; see docs/catalog-import.md for the field mapping.",
                "FORMAT skypilot reads SkyPilot's cloud catalogs (catalogs/v7/CLOUD/vms.csv): a file, a directory of "
                        + "CLOUD/vms.csv, or either as PATH@REV from a git checkout (dated by the commit). Each GPU "
                        + "instance type becomes a rented offer (and a spot offer where the file has a spot price) "
                        + "in its cheapest region."
            })
    static final class ImportCommand extends BaseCommand {
        @Parameters(index = "0", paramLabel = "FORMAT", description = "litellm | openrouter | genai-prices | skypilot")
        String format;

        @Parameters(
                index = "1",
                paramLabel = "FILE",
                description =
                        "The price file (JSON); for skypilot a vms.csv, a directory of CLOUD/vms.csv, or PATH@REV.")
        String file;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "LAYER.yaml",
                description = "Write the layer to this file (atomically) instead of standard output.")
        Path output;

        @Option(
                names = "--as-of",
                paramLabel = "DATE",
                converter = AsOfDate.class,
                description = "The date the file's prices were true (YYYY-MM-DD). Required when the file has no date "
                        + "of its own (openrouter, genai-prices); LiteLLM's last_updated is used otherwise.")
        LocalDate asOf;

        @Option(
                names = "--region",
                paramLabel = "REGEX",
                description = "skypilot: only regions whose whole name matches REGEX (e.g. 'us-.*').")
        String region;

        @Option(
                names = "--all-regions",
                description = "skypilot: one offer per region (CLOUD/TYPE@REGION) instead of the cheapest region.")
        boolean allRegions;

        @Option(
                names = "--skip-bad",
                description = "skypilot: count malformed rows and go on, instead of stopping at the first (exit 3).")
        boolean skipBad;

        @Option(
                names = "--cloud",
                paramLabel = "NAME",
                description = "skypilot: the cloud of a vms.csv not kept in a folder named after it.")
        String cloud;

        private CatalogImport.Format f;
        private java.util.regex.Pattern regionPattern;

        @Override
        protected void validate() {
            CommandOutput.checkFile("-o", output);
            boolean skypilot = format.equalsIgnoreCase("skypilot");
            if (!skypilot) {
                f = switch (format.toLowerCase(Locale.ROOT)) {
                    case "litellm" -> CatalogImport.Format.LITELLM;
                    case "openrouter" -> CatalogImport.Format.OPENROUTER;
                    case "genai-prices", "genai_prices" -> CatalogImport.Format.GENAI_PRICES;
                    default ->
                        throw usageError("unknown format '" + format
                                + "': expected litellm, openrouter, genai-prices or skypilot");
                };
                if (region != null || allRegions || skipBad || cloud != null) {
                    throw usageError("--region, --all-regions, --skip-bad and --cloud are for the skypilot format");
                }
            }
            if (region != null) {
                try {
                    regionPattern = java.util.regex.Pattern.compile(region);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw usageError("--region: not a regular expression: " + e.getDescription());
                }
            }
        }

        @Override
        protected ExitCode execute() throws IOException {
            if (f == null) return skypilot();
            Path path = Path.of(file);
            Imported imported;
            try (Reader r = InputFiles.open(path, InputKind.PRICE_LIST)) {
                imported = CatalogImport.read(f, file, r, asOf, CatalogLoader.load(List.of()));
            }
            String origin = path.getFileName().toString();
            new Inputs().add(path, "the price list").refuse("-o", output);
            PrintWriter err = spec.commandLine().getErr();
            imported.summary().forEach(line -> err.println("aichoose: " + line));
            CommandOutput.printOrWrite(
                    output,
                    (value, w) -> LayerWriter.write(value, origin, w),
                    imported,
                    spec.commandLine().getOut(),
                    err);
            return ExitCode.OK;
        }

        private ExitCode skypilot() throws IOException {
            var files = SkypilotFiles.read(file, cloud);
            ImportedOffers imported = SkypilotImport.read(
                    files,
                    new SkypilotImport.Options(regionPattern, allRegions, skipBad, asOf),
                    CatalogLoader.load(List.of()));
            String origin = files.stream()
                    .map(SkypilotFiles.CloudFile::source)
                    .collect(java.util.stream.Collectors.joining(", "));
            Inputs inputs = new Inputs();
            files.stream()
                    .filter(cloudFile -> cloudFile.date() == null)
                    .forEach(cloudFile -> inputs.add(Path.of(cloudFile.file()), "a SkyPilot catalog file"));
            inputs.refuse("-o", output);
            PrintWriter err = spec.commandLine().getErr();
            imported.summary().forEach(line -> err.println("aichoose: " + line));
            CommandOutput.printOrWrite(
                    output,
                    (value, w) -> LayerWriter.write(value, origin, w),
                    imported,
                    spec.commandLine().getOut(),
                    err);
            return ExitCode.OK;
        }
    }

    @Command(
            name = "diff",
            mixinStandardHelpOptions = true,
            description = {
                "Which prices rose, fell, appeared or went between two catalogs.",
                "OLD and NEW are each a catalog directory (its *.yaml files), one layer file, or PATH@REV from git "
                        + "(e.g. pricing@origin/main). Each side is read on its own, without the shipped catalogs."
            })
    static final class DiffPricesCommand extends BaseCommand {
        @Parameters(index = "0", paramLabel = "OLD")
        String before;

        @Parameters(index = "1", paramLabel = "NEW")
        String after;

        @Option(
                names = {"-f", "--format"},
                paramLabel = "FORMAT",
                description = "Output format: ${COMPLETION-CANDIDATES} (default: table, or the one -o's extension "
                        + "names: .json, .md).")
        CatalogDiffReport format;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "FILE",
                description = "Write the diff to FILE (atomically) instead of standard output.")
        Path output;

        @Override
        protected void validate() {
            CommandOutput.checkFile("-o", output);
            CatalogDiffReport named = output == null
                    ? null
                    : OutputOptions.extension(output)
                            .flatMap(ext -> java.util.Arrays.stream(CatalogDiffReport.values())
                                    .filter(f -> f != CatalogDiffReport.TABLE
                                            && f.name().equalsIgnoreCase(ext))
                                    .findFirst())
                            .orElse(null);
            if (format != null && named != null && format != named) {
                throw usageError("-f " + format.name().toLowerCase(Locale.ROOT) + " does not match -o " + output + " (."
                        + named.name().toLowerCase(Locale.ROOT) + "): drop -f, or rename the file");
            }
            if (format == null) format = named != null ? named : CatalogDiffReport.TABLE;
        }

        @Override
        protected ExitCode execute() throws IOException {
            var changes = CatalogDiff.between(CatalogSources.read(before), CatalogSources.read(after));
            Inputs inputs = new Inputs();
            for (String side : List.of(before, after)) {
                if (Files.exists(Path.of(side))) inputs.addAll(CatalogLoader.yamlFiles(Path.of(side)), "a catalog");
            }
            inputs.refuse("-o", output);
            CommandOutput.printOrWrite(
                    output,
                    (value, w) -> format.render(before, after, value, w),
                    changes,
                    spec.commandLine().getOut(),
                    spec.commandLine().getErr());
            return ExitCode.OK;
        }
    }

    @Command(
            name = "trend",
            mixinStandardHelpOptions = true,
            description = {
                "How GPU rent moved across dated snapshots of SkyPilot's catalogs: per GPU, the median on-demand and "
                        + "spot $/GPU-hour at each date and the annual change of a least-squares line through "
                        + "ln(price), with a 90%% interval (docs/methodology.md, \"Rent trends\").",
                "Each SNAPSHOT is PATH@REV from a git checkout of the catalog (dated by the commit) or PATH=YYYY-MM-DD; "
                        + "PATH is a vms.csv or a directory of CLOUD/vms.csv."
            })
    static final class TrendCommand extends BaseCommand {
        @Parameters(index = "0", paramLabel = "FORMAT", description = "skypilot")
        String source;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "SNAPSHOT")
        List<String> snapshots;

        @Option(
                names = {"-f", "--format"},
                paramLabel = "FORMAT",
                defaultValue = "table",
                description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
        dev.aichoose.report.RentTrendReport format;

        @Option(
                names = {"-o", "--output"},
                paramLabel = "TREND.yaml",
                description = "Also write each GPU's trend as a range a scenario's uncertainty section can use "
                        + "(from_trend: TREND.yaml), atomically.")
        Path output;

        @Option(names = "--region", paramLabel = "REGEX", description = "Only regions whose whole name matches REGEX.")
        String region;

        private java.util.regex.Pattern regionPattern;

        @Override
        protected void validate() {
            CommandOutput.checkFile("-o", output);
            if (!source.equalsIgnoreCase("skypilot")) {
                throw usageError("unknown format '" + source + "': catalog trend reads skypilot");
            }
            if (region != null) {
                try {
                    regionPattern = java.util.regex.Pattern.compile(region);
                } catch (java.util.regex.PatternSyntaxException e) {
                    throw usageError("--region: not a regular expression: " + e.getDescription());
                }
            }
        }

        @Override
        protected ExitCode execute() throws IOException {
            Catalog reference = CatalogLoader.load(List.of());
            List<dev.aichoose.catalog.RentTrends.Snapshot> read = new ArrayList<>();
            for (String arg : snapshots) {
                LocalDate date = null;
                String path = arg;
                int eq = arg.lastIndexOf('=');
                if (eq > 0) {
                    path = arg.substring(0, eq);
                    try {
                        date = LocalDate.parse(arg.substring(eq + 1));
                    } catch (java.time.format.DateTimeParseException e) {
                        throw usageError("snapshot '" + arg + "': expected PATH=YYYY-MM-DD, got the date '"
                                + arg.substring(eq + 1) + "'");
                    }
                } else if (arg.lastIndexOf('@') <= 0 || Files.exists(Path.of(arg))) {
                    throw usageError("snapshot '" + arg + "' has no date: give PATH=YYYY-MM-DD, or PATH@REV from a git "
                            + "checkout of the catalog");
                }
                var files = SkypilotFiles.read(path, null);
                ImportedOffers imported = SkypilotImport.read(
                        files, new SkypilotImport.Options(regionPattern, false, false, date), reference);
                read.add(new dev.aichoose.catalog.RentTrends.Snapshot(arg, imported.asOf(), imported.offers()));
            }
            var trend = dev.aichoose.catalog.RentTrends.of(read);
            format.render(trend, spec.commandLine().getOut());
            if (output != null) {
                CommandOutput.write(
                        output,
                        (Renderer.Text<dev.aichoose.catalog.RentTrends.Trend>)
                                dev.aichoose.catalog.RentTrendFile::write,
                        trend,
                        spec.commandLine().getErr());
            }
            return ExitCode.OK;
        }
    }
}
