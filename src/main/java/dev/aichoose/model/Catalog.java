package dev.aichoose.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The price and hardware catalogs after layering, each kind keyed by id. {@code warnings} are
 * implausible values found while loading ({@code file:line:col: message}): kept, but said.
 */
public record Catalog(
        Map<String, ApiModel> apiModels,
        Map<String, Gpu> gpus,
        Map<String, CloudOffer> cloudOffers,
        Map<String, OpenModel> openModels,
        List<String> warnings,
        Map<String, Host> hosts) {

    public Catalog {
        hosts = hosts == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        apiModels = Collections.unmodifiableMap(new LinkedHashMap<>(apiModels));
        gpus = Collections.unmodifiableMap(new LinkedHashMap<>(gpus));
        cloudOffers = Collections.unmodifiableMap(new LinkedHashMap<>(cloudOffers));
        openModels = Collections.unmodifiableMap(new LinkedHashMap<>(openModels));
        warnings = warnings == null ? List.of() : List.copyOf(warnings);
    }

    public Catalog(
            Map<String, ApiModel> apiModels,
            Map<String, Gpu> gpus,
            Map<String, CloudOffer> cloudOffers,
            Map<String, OpenModel> openModels) {
        this(apiModels, gpus, cloudOffers, openModels, List.of());
    }

    /** A catalog with no hosts. */
    public Catalog(
            Map<String, ApiModel> apiModels,
            Map<String, Gpu> gpus,
            Map<String, CloudOffer> cloudOffers,
            Map<String, OpenModel> openModels,
            List<String> warnings) {
        this(apiModels, gpus, cloudOffers, openModels, warnings, Map.of());
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
