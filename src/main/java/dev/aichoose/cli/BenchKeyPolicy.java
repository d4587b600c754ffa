package dev.aichoose.cli;

import dev.aichoose.bench.ApiKey;
import dev.aichoose.bench.BenchPlan;
import dev.aichoose.bench.WireApi;
import java.net.URI;
import java.util.function.Function;

/**
 * Where a bench's API key comes from and where it may go: only from an environment variable (never a
 * flag, never echoed, not even in an error), the one {@code --api-key-env} names or the wire format's
 * usual one; and never in clear text to another machine unless {@code --allow-insecure-key}.
 *
 * @param keyEnv the variable {@code --api-key-env} names, or null for the wire format's usual one
 * @param environment reads a variable (System::getenv; tests give their own)
 */
record BenchKeyPolicy(String keyEnv, boolean allowInsecureKey, Function<String, String> environment) {

    /** The key to send to {@code url}, or null when none is set and none was asked for; a refusal is a usage error. */
    ApiKey key(WireApi api, URI url) {
        String name = keyEnv != null ? keyEnv : api.defaultKeyEnv().orElse(null);
        if (name == null) return null;
        String value = environment.apply(name);
        if (value == null || value.isBlank()) {
            if (keyEnv != null)
                throw new UsageException("--api-key-env " + name + ": the environment variable is not set");
            return null; // a local server often needs no key; one that does answers 401, which is exit 4
        }
        if (url.getScheme().equalsIgnoreCase("http") && !BenchPlan.isLoopback(url) && !allowInsecureKey) {
            throw new UsageException("refusing to send the API key from " + name + " in clear text to " + url.getHost()
                    + "; use https, or --allow-insecure-key if you mean it");
        }
        return new ApiKey(value);
    }
}
