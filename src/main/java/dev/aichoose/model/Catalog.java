package dev.aichoose.model;

import io.soabase.recordbuilder.core.RecordBuilder;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The price and hardware catalogs after layering, each kind keyed by id. {@code warnings} are
 * implausible values found while loading ({@code file:line:col: message}): kept, but said.
 * {@code measurements} are the published serving runs ({@code pricing/throughput-measurements.yaml})
 * and {@code calibration} the serving model fitted on them; {@code hosts} the machines cards go into
 * ({@code pricing/hosts.yaml}). Assembled by name with {@link CatalogBuilder}; not set, there are no
 * warnings, measurements or hosts, and the calibration is the prior.
 */
@RecordBuilder
public record Catalog(
        Map<String, ApiModel> apiModels,
        Map<String, Gpu> gpus,
        Map<String, CloudOffer> cloudOffers,
        Map<String, OpenModel> openModels,
        List<String> warnings,
        List<ThroughputMeasurement> measurements,
        ServingCalibration calibration,
        Map<String, Host> hosts)
        implements CatalogBuilder.With {

    public Catalog {
        hosts = hosts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        apiModels = Collections.unmodifiableMap(new LinkedHashMap<>(apiModels));
        gpus = Collections.unmodifiableMap(new LinkedHashMap<>(gpus));
        cloudOffers = Collections.unmodifiableMap(new LinkedHashMap<>(cloudOffers));
        openModels = Collections.unmodifiableMap(new LinkedHashMap<>(openModels));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
        measurements = measurements == null ? List.of() : List.copyOf(measurements);
        if (calibration == null) calibration = ServingCalibration.PRIOR;
    }

    /** The same catalogs with other entries, keeping the measurements, the serving calibration and the hosts. */
    public Catalog with(
            Map<String, ApiModel> apiModels,
            Map<String, Gpu> gpus,
            Map<String, CloudOffer> cloudOffers,
            Map<String, OpenModel> openModels) {
        return with().apiModels(apiModels)
                .gpus(gpus)
                .cloudOffers(cloudOffers)
                .openModels(openModels)
                .build();
    }

    /** The provenance of any entry by id, whatever its kind. */
    public Optional<Provenance> provenanceOf(String id) {
        if (apiModels.containsKey(id)) return Optional.of(apiModels.get(id).provenance());
        if (gpus.containsKey(id)) return Optional.of(gpus.get(id).provenance());
        if (cloudOffers.containsKey(id)) return Optional.of(cloudOffers.get(id).provenance());
        if (openModels.containsKey(id)) return Optional.of(openModels.get(id).provenance());
        if (hosts.containsKey(id)) return Optional.of(hosts.get(id).provenance());
        return Optional.empty();
    }
}
