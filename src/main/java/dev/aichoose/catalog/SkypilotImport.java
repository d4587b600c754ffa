package dev.aichoose.catalog;

import dev.aichoose.input.Diagnostic;
import dev.aichoose.input.InputException;
import dev.aichoose.load.Sanity;
import dev.aichoose.model.Catalog;
import dev.aichoose.model.CloudOffer;
import dev.aichoose.model.CloudOfferBuilder;
import dev.aichoose.model.Provenance;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * SkyPilot's cloud catalogs ({@code skypilot-org/skypilot-catalog}, {@code catalogs/v7/CLOUD/vms.csv})
 * as rented offers (docs/catalog-import.md, "SkyPilot"): each GPU instance type becomes an on-demand
 * offer at its {@code Price} and, where the file lists one, a spot offer at its {@code SpotPrice},
 * each in its cheapest region unless {@code allRegions}.
 */
public final class SkypilotImport {
    private SkypilotImport() {}

    /**
     * @param region only rows whose region this matches (whole-name match); null for every region
     * @param allRegions one offer per region ({@code CLOUD/TYPE@REGION}) instead of the cheapest
     * @param skipBad count malformed rows and go on, instead of failing on the first
     * @param asOf the date to stamp; null to take each file's revision date
     */
    public record Options(Pattern region, boolean allRegions, boolean skipBad, LocalDate asOf) {
        public static final Options DEFAULT = new Options(null, false, false, null);
    }

    /** The cheapest row seen so far for one offer, and where. */
    private record Best(
            String cloud,
            String type,
            String region,
            double price,
            int gpus,
            String hardware,
            int line,
            String source,
            LocalDate asOf) {}

    public static ImportedOffers read(List<SkypilotFiles.CloudFile> files, Options options, Catalog reference) {
        Map<String, Integer> skipped = new TreeMap<>();
        Map<String, Integer> unmapped = new TreeMap<>();
        List<String> bad = new ArrayList<>();
        List<String> outOfBounds = new ArrayList<>();
        Map<String, Best> onDemand = new LinkedHashMap<>();
        Map<String, Best> spot = new LinkedHashMap<>();
        int rowsRead = 0;
        LocalDate asOf = options.asOf();
        for (SkypilotFiles.CloudFile f : files) {
            LocalDate date = options.asOf() != null ? options.asOf() : f.date();
            if (date == null) {
                throw new InputException(new Diagnostic(
                        f.file(),
                        0,
                        0,
                        "a vms.csv has no date of its own; give the day its prices held with --as-of YYYY-MM-DD, "
                                + "or read it from a git checkout as FILE@REV (dated by the commit)"));
            }
            if (asOf == null || date.isAfter(asOf)) asOf = date;
            SkypilotRows.Parsed parsed = SkypilotRows.parse(f.file(), f.text());
            if (!parsed.bad().isEmpty() && !options.skipBad())
                throw new InputException(parsed.bad().getFirst());
            parsed.bad().forEach(d -> bad.add(d.toString()));
            for (SkypilotRows.Row r : parsed.rows()) {
                rowsRead++;
                if (r.accelerator().isEmpty()) {
                    skip(skipped, "CPU only (no accelerator)");
                    continue;
                }
                if (r.instanceType().isEmpty()) {
                    // GCP prices an attachable GPU on its own; SkyPilot adds a host VM's price at launch
                    skip(skipped, "accelerator priced alone, with no instance type (GCP: the host VM is priced apart)");
                    continue;
                }
                if (r.count() == null || r.count() <= 0) {
                    skip(skipped, "no accelerator count");
                    continue;
                }
                if (r.count() < 1) {
                    skip(skipped, "fractional GPU (AcceleratorCount below 1)");
                    continue;
                }
                if (r.count() != Math.rint(r.count())) {
                    skip(skipped, "AcceleratorCount not a whole number");
                    continue;
                }
                if (options.region() != null
                        && !options.region().matcher(r.region()).matches()) {
                    skip(skipped, "region not matched by --region");
                    continue;
                }
                boolean priced = r.price() != null && r.price() > 0;
                boolean spotPriced = r.spotPrice() != null && r.spotPrice() > 0;
                if (!priced && !spotPriced) {
                    skip(skipped, "no price");
                    continue;
                }
                GpuMapping.Result mapped = GpuMapping.map(r.accelerator(), r.memoryGib(), r.instanceType(), reference);
                if (mapped instanceof GpuMapping.Result.Unmapped u) {
                    String memory =
                            r.memoryGib() == null ? "" : String.format(Locale.ROOT, ", %.0f GiB", r.memoryGib());
                    unmapped.merge(r.accelerator() + memory + ": " + u.why(), 1, Integer::sum);
                    continue;
                }
                String hardware = ((GpuMapping.Result.Mapped) mapped).hardware();
                // a row with no region prices the instance wherever it runs: the offer records none
                String region = r.region().isEmpty() ? null : r.region();
                int gpus = (int) Math.rint(r.count());
                String base = f.cloud() + "/" + r.instanceType().toLowerCase(Locale.ROOT);
                if (priced)
                    offer(
                            onDemand,
                            base,
                            options,
                            new Best(
                                    f.cloud(),
                                    r.instanceType(),
                                    region,
                                    r.price(),
                                    gpus,
                                    hardware,
                                    r.line(),
                                    f.source(),
                                    date));
                if (spotPriced)
                    offer(
                            spot,
                            base + "-spot",
                            options,
                            new Best(
                                    f.cloud(),
                                    r.instanceType(),
                                    region,
                                    r.spotPrice(),
                                    gpus,
                                    hardware,
                                    r.line(),
                                    f.source(),
                                    date));
            }
        }
        List<CloudOffer> offers = new ArrayList<>();
        int[] counts = new int[2];
        addAll(offers, onDemand, "on_demand", outOfBounds, counts, 0);
        addAll(offers, spot, "spot", outOfBounds, counts, 1);
        if (offers.isEmpty() && bad.isEmpty() && unmapped.isEmpty() && rowsRead == 0) {
            throw new InputException(new Diagnostic(
                    files.getFirst().file(), 1, 1, "no rows to import: the file lists no instance types"));
        }
        return new ImportedOffers(asOf, rowsRead, offers, counts[0], counts[1], skipped, unmapped, bad, outOfBounds);
    }

    private static void skip(Map<String, Integer> skipped, String reason) {
        skipped.merge(reason, 1, Integer::sum);
    }

    /** Keeps the cheapest row per offer id; on a tie, the region first in alphabetical order. */
    private static void offer(Map<String, Best> into, String base, Options options, Best row) {
        String id = options.allRegions()
                ? base + "@" + (row.region() == null ? "any" : row.region().toLowerCase(Locale.ROOT))
                : base;
        into.merge(id, row, (a, b) -> BEST.compare(a, b) <= 0 ? a : b);
    }

    private static final Comparator<Best> BEST = Comparator.comparingDouble((Best b) -> b.price() / b.gpus())
            .thenComparing(Best::region, Comparator.nullsLast(Comparator.naturalOrder()));

    private static void addAll(
            List<CloudOffer> offers,
            Map<String, Best> best,
            String tier,
            List<String> outOfBounds,
            int[] counts,
            int slot) {
        best.forEach((id, b) -> {
            double perGpu = b.price() / b.gpus();
            if (perGpu > MAX_USD_PER_GPU_HOUR || perGpu < MIN_USD_PER_GPU_HOUR) {
                outOfBounds.add(b.source() + " line " + b.line() + ": " + id + ": $" + Sanity.show(perGpu)
                        + " per GPU-hour is outside $" + Sanity.show(MIN_USD_PER_GPU_HOUR) + " to $"
                        + Sanity.show(MAX_USD_PER_GPU_HOUR));
                return;
            }
            counts[slot]++;
            offers.add(CloudOfferBuilder.builder()
                    .id(id)
                    .provider(b.cloud())
                    .gpu(b.hardware())
                    .gpus(b.gpus())
                    .usdPerGpuHour(perGpu)
                    .tier(tier)
                    .provenance(new Provenance(
                            b.asOf(), b.source() + " line " + b.line() + " (" + b.type() + ", " + tier + ")"))
                    .region(b.region())
                    .build());
        });
    }

    /** The catalog loader's bounds on {@code usd_per_gpu_hour}: an offer outside them could not be read back. */
    static final double MAX_USD_PER_GPU_HOUR = 200;

    static final double MIN_USD_PER_GPU_HOUR = 0.001;
}
