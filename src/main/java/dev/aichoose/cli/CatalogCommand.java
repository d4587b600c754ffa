package dev.aichoose.cli;

import dev.aichoose.model.Catalog;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "catalog", mixinStandardHelpOptions = true,
        description = "Browse the price and hardware catalogs.",
        subcommands = CatalogCommand.ListCommand.class)
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

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the ids a scenario can use, with their key figures, date and source.")
    static final class ListCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        PricingOptions pricing;

        @Option(names = {"-k", "--kind"}, paramLabel = "KIND",
                description = "Only this kind: ${COMPLETION-CANDIDATES} (api models, GPUs and systems, "
                        + "cloud GPU offers, open-weight models).")
        Kind kind;

        @Override
        public Integer call() {
            Catalog c = pricing.load();
            PrintWriter out = spec.commandLine().getOut();
            if (kind == null || kind == Kind.API) {
                out.println("API models (USD per million tokens: input / cached input / output)   for api.model");
                c.apiModels().values().forEach(m -> out.println(String.format(Locale.ROOT,
                        "  %-44s %8.3f %8.3f %8.2f  %-8s %s", m.id(), m.inputUsdPerMtok(),
                        m.cachedInputUsdPerMtok() == null ? m.inputUsdPerMtok() : m.cachedInputUsdPerMtok(),
                        m.outputUsdPerMtok(), m.quality().name().toLowerCase(Locale.ROOT), m.provenance().asOf())));
            }
            if (kind == null || kind == Kind.GPU) {
                out.println("GPUs and systems (price USD, GPUs, VRAM GB, bandwidth GB/s, TDP W)   for self_hosted.hardware");
                c.gpus().values().forEach(g -> out.println(String.format(Locale.ROOT,
                        "  %-32s %10.0f %2d× %6.0f %7.0f %6.0f  %-10s %s", g.id(), g.priceUsd(), g.gpusPerSystem(),
                        g.vramGb(), g.memoryBandwidthGbps(), g.tdpW(), g.hardwareClass(), g.provenance().asOf())));
            }
            if (kind == null || kind == Kind.CLOUD) {
                out.println("Cloud GPU offers (USD per GPU-hour, GPUs per instance, GPU)   for rented.offer");
                c.cloudOffers().values().forEach(o -> out.println(String.format(Locale.ROOT,
                        "  %-32s %8.3f %2d× %-26s %-10s %s", o.id(), o.usdPerGpuHour(), o.gpus(), o.gpu(), o.tier(),
                        o.provenance().asOf())));
            }
            if (kind == null || kind == Kind.MODEL) {
                out.println("Open-weight models (params B, active B, layers, KV heads, head dim, context)   for *.model");
                c.openModels().values().forEach(m -> out.println(String.format(Locale.ROOT,
                        "  %-36s %7.1f %7.1f %4d %4d %5d %8d  %s", m.id(), m.paramsB(), m.activeParamsB(), m.layers(),
                        m.kvHeads(), m.headDim(), m.contextTokens(), m.license())));
            }
            return ExitCode.OK.code();
        }
    }
}
