package dev.aichoose.catalog;

import java.util.Locale;
import java.util.Map;

/**
 * From a source's model id to ours ({@code provider/model}, lower case; docs/catalog-import.md).
 * The provider comes from the source's provider field, renamed where our catalog uses another
 * name; the model is the source's id without its provider prefix or host path, normalised. A
 * short alias table maps the few source ids whose normalised form differs from an id our catalog
 * already uses; every other chat model keeps its normalised id, so nothing is dropped.
 */
public final class IdMapping {
    private IdMapping() {}

    /** Source provider names → ours. */
    static final Map<String, String> PROVIDERS = Map.ofEntries(
            Map.entry("gemini", "google"),
            Map.entry("vertex_ai-language-models", "google-vertex"),
            Map.entry("vertex_ai", "google-vertex"),
            Map.entry("together_ai", "together"),
            Map.entry("fireworks_ai", "fireworks"),
            Map.entry("bedrock", "aws-bedrock"),
            Map.entry("bedrock_converse", "aws-bedrock"),
            Map.entry("aws", "aws-bedrock"),
            Map.entry("x-ai", "xai"),
            Map.entry("azure_ai", "azure-ai"),
            Map.entry("moonshotai", "moonshot"),
            Map.entry("mistralai", "mistral"),
            Map.entry("meta-llama", "meta"),
            Map.entry("x_ai", "xai"));

    /** Normalised ids that differ from the id our catalog already uses for the same offer. */
    static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("mistral/mistral-small-3-2-2506", "mistral/mistral-small-3-2"),
            Map.entry("groq/llama-3.3-70b-versatile", "groq/llama-3.3-70b"),
            Map.entry("together/llama-3.3-70b-instruct-turbo", "together/llama-3.3-70b"),
            Map.entry("deepinfra/llama-3.3-70b-instruct-turbo", "deepinfra/llama-3.3-70b"),
            Map.entry("together/llama-4-maverick-17b-128e-instruct-fp8", "together/llama-4-maverick"),
            Map.entry("deepinfra/qwen3-235b-a22b-instruct-2507", "deepinfra/qwen3-235b-a22b"),
            Map.entry("openrouter/llama-3.3-70b-instruct", "openrouter/llama-3.3-70b"),
            Map.entry("openrouter/qwen3-235b-a22b-2507", "openrouter/qwen3-235b-a22b"));

    public static String provider(String sourceProvider) {
        String p = sourceProvider.toLowerCase(Locale.ROOT);
        return PROVIDERS.getOrDefault(p, normalise(p));
    }

    /**
     * Our id for {@code sourceId} sold by {@code provider} (already ours): the provider prefix and
     * any host path ({@code together_ai/meta-llama/…}) are dropped, the rest normalised.
     */
    public static String id(String provider, String sourceId) {
        String model = sourceId;
        int slash = model.lastIndexOf('/');
        if (slash >= 0) model = model.substring(slash + 1);
        String id = provider + "/" + normalise(model);
        return ALIASES.getOrDefault(id, id);
    }

    /** Whether {@link #id} took this source id through the alias table. */
    public static boolean aliased(String provider, String sourceId) {
        String model = sourceId.substring(sourceId.lastIndexOf('/') + 1);
        return ALIASES.containsKey(provider + "/" + normalise(model));
    }

    /** Lower case; anything but letters, digits, dots and dashes becomes a dash; no leading or double dashes. */
    public static String normalise(String s) {
        String n = s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.\\-]+", "-").replaceAll("-{2,}", "-");
        return n.replaceAll("^-|-$", "");
    }
}
