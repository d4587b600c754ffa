package dev.aichoose.bench;

/** Service-level objectives in milliseconds; a null bound does not constrain. */
public record Slo(Double ttftMs, Double tpotMs, Double e2eMs) {
    public static final Slo NONE = new Slo(null, null, null);

    public Slo {
        for (Double v : new Double[] {ttftMs, tpotMs, e2eMs}) {
            if (v != null && !(v >= 0)) throw new IllegalArgumentException("an SLO must be a duration of 0 or more");
        }
    }

    public boolean isEmpty() {
        return ttftMs == null && tpotMs == null && e2eMs == null;
    }

    /** A request is good when it meets every bound given; TPOT is undefined for one-token answers and passes. */
    public boolean metBy(RequestRecord r) {
        if (!r.ok()) return false;
        if (ttftMs != null && (r.ttftMs() == null || r.ttftMs() > ttftMs)) return false;
        if (tpotMs != null && r.tpotMs() != null && r.tpotMs() > tpotMs) return false;
        return e2eMs == null || (r.e2eMs() != null && r.e2eMs() <= e2eMs);
    }
}
