package dev.aichoose.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.aichoose.bench.ApiKey;
import dev.aichoose.bench.WireApi;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where a bench's key comes from and where it may go, with an environment of the test's own. */
class BenchKeyPolicyTest {
    private static final String SECRET = "sk-test-0123456789";

    private static BenchKeyPolicy policy(String keyEnv, boolean allowInsecure, Map<String, String> env) {
        return new BenchKeyPolicy(keyEnv, allowInsecure, env::get);
    }

    @Test
    void theWireFormatsUsualVariableGivesTheKey() {
        ApiKey key = policy(null, false, Map.of("OPENAI_API_KEY", SECRET))
                .key(WireApi.OPENAI, URI.create("https://api.example.com"));
        assertThat(key).isNotNull();
        assertThat(key.toString()).doesNotContain(SECRET);
    }

    @Test
    void noKeyIsSentWhenNoneIsSetAndNoneWasAskedFor() {
        assertThat(policy(null, false, Map.of()).key(WireApi.OPENAI, URI.create("https://api.example.com")))
                .isNull();
        assertThat(policy(null, false, Map.of("OPENAI_API_KEY", SECRET))
                        .key(WireApi.OLLAMA, URI.create("http://gpu-box:11434")))
                .as("ollama takes no key by default")
                .isNull();
    }

    @Test
    void aNamedVariableThatIsNotSetIsAUsageErrorThatNamesOnlyTheVariable() {
        assertThatThrownBy(() -> policy("MY_KEY", false, Map.of("OPENAI_API_KEY", SECRET))
                        .key(WireApi.OPENAI, URI.create("https://api.example.com")))
                .isInstanceOf(UsageException.class)
                .hasMessage("--api-key-env MY_KEY: the environment variable is not set");
    }

    @Test
    void theKeyGoesInClearTextOnlyToThisMachineOrWhenAllowed() {
        Map<String, String> env = Map.of("OPENAI_API_KEY", SECRET);
        assertThatThrownBy(() -> policy(null, false, env).key(WireApi.OPENAI, URI.create("http://gpu-box:8000")))
                .isInstanceOf(UsageException.class)
                .hasMessageContaining("in clear text to gpu-box")
                .hasMessageNotContaining(SECRET);
        assertThat(policy(null, false, env).key(WireApi.OPENAI, URI.create("http://127.0.0.1:8000")))
                .isNotNull();
        assertThat(policy(null, true, env).key(WireApi.OPENAI, URI.create("http://gpu-box:8000")))
                .isNotNull();
    }
}
