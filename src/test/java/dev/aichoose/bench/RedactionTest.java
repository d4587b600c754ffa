package dev.aichoose.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactionTest {
    static final String KEY = "sk-proj/Abc+def_0123456789abcdefghij";
    static final Redaction R = Redaction.of(new ApiKey(KEY));

    @Test
    void everyFormOfTheKeyIsReplaced() {
        assertThat(R.apply("key " + KEY + " bad")).isEqualTo("key [redacted] bad");
        // as a JSON encoder that escapes '/' writes it, and percent-encoded
        assertThat(R.apply("\"sk-proj\\/Abc+def_0123456789abcdefghij\"")).isEqualTo("\"[redacted]\"");
        assertThat(R.apply("k=sk-proj%2FAbc%2Bdef_0123456789abcdefghij")).isEqualTo("k=[redacted]");
    }

    @Test
    void aTextCutShortLosesATailThatCouldBeTheKeysStart() {
        for (int k = 1; k < KEY.length(); k++) {
            String cut = "error: " + KEY.substring(0, k);
            // eight characters and more are a piece of the key wherever they stand; fewer, at a cut, are dropped
            assertThat(R.quote(cut, true, 4096))
                    .as("%d characters of the key", k)
                    .isEqualTo(k >= Redaction.PART ? "error: [redacted]…" : "error: …");
        }
        // a whole text keeps its end
        assertThat(R.quote("error: sk-", false, 4096)).isEqualTo("error: sk-");
    }

    @Test
    void redactionComesBeforeTheCut() {
        String text = "x".repeat(10) + KEY;
        String quoted = R.quote(text, false, 14);
        assertThat(quoted).isEqualTo("xxxxxxxxxx[red…");
        assertThat(quoted).doesNotContain(KEY.substring(0, 4));
    }

    @Test
    void eightCharactersOfTheKeyInARowAreRedactedWhereverTheyStand() {
        assertThat(R.apply("half: " + KEY.substring(0, 20) + " end")).isEqualTo("half: [redacted] end");
        assertThat(R.apply("middle " + KEY.substring(9, 17) + "!")).isEqualTo("middle [redacted]!");
        assertThat(R.apply("seven " + KEY.substring(9, 16) + "!")).isEqualTo("seven " + KEY.substring(9, 16) + "!");
        // two pieces side by side are two runs
        assertThat(R.apply(KEY.substring(20) + KEY.substring(0, 10))).isEqualTo("[redacted][redacted]");
        // a key shorter than eight characters is redacted whole, and only whole
        Redaction shortKey = Redaction.of(new ApiKey("abc12"));
        assertThat(shortKey.apply("x abc12 abc1")).isEqualTo("x [redacted] abc1");
    }

    @Test
    void withoutAKeyNothingChanges() {
        assertThat(Redaction.NONE.apply("sk-anything")).isEqualTo("sk-anything");
        assertThat(Redaction.NONE.lookaheadBytes()).isZero();
    }
}
