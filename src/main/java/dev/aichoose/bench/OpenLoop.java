package dev.aichoose.bench;

import dev.aichoose.model.LatencyStats;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a run really offered the server, from its records (docs/bench.md, "Open-loop honesty"): the
 * rate at which requests left against the rate their schedule asked for, the requests held in
 * flight against the concurrency configured, how late each request began against its intended
 * time, and latencies counted from that intended time. In rate mode, whether the run saturated the
 * server: it completed fewer requests a second than it offered while TTFT rose with time.
 */
record OpenLoop(
        Double achievedRate,
        Double scheduledRate,
        Double meanInFlight,
        LatencyStats dispatchDelay,
        LatencyStats ttftFromIntended,
        LatencyStats e2eFromIntended,
        Boolean saturated,
        List<String> warnings) {

    /** How far achieved may be from asked before the run is flagged. */
    static final double TOLERANCE = 0.05;
    /** The dispatch delay p99 above which a run is flagged, in ms. */
    static final double DISPATCH_DELAY_P99_MS = 1.0;
    /** Fewer completed requests than this say nothing about saturation. */
    static final int SATURATION_MIN_REQUESTS = 10;

    static OpenLoop of(List<RequestRecord> records, Load load, double durationS) {
        LatencyStats dispatch = RunSummary.statsOf(records, RequestRecord::dispatchDelayMs);
        List<RequestRecord> ok = records.stream().filter(RequestRecord::ok).toList();
        LatencyStats ttft = RunSummary.statsOf(ok, RequestRecord::ttftFromIntendedMs);
        LatencyStats e2e = RunSummary.statsOf(ok, RequestRecord::e2eFromIntendedMs);
        boolean timed = !records.isEmpty() && records.stream().allMatch(r -> r.sentMs() != null && r.endedMs() != null);
        List<String> warnings = new ArrayList<>();
        if (!timed)
            return new OpenLoop(
                    null, null, null, dispatch, ttft, e2e, load instanceof Load.Rate ? false : null, warnings);

        long sentPairs = 0;
        double sentSpan = 0;
        double intendedSpan = 0;
        double inFlight = 0;
        double window = 0;
        long endPairs = 0;
        double endSpan = 0;
        List<double[]> ttftBySent = new ArrayList<>();
        for (List<RequestRecord> repeat : Timeline.byRepeat(records).values()) {
            double first = Timeline.firstStart(repeat);
            double firstSent = Double.POSITIVE_INFINITY;
            double lastSent = Double.NEGATIVE_INFINITY;
            double firstIntended = Double.POSITIVE_INFINITY;
            double lastIntended = Double.NEGATIVE_INFINITY;
            double firstEnd = Double.POSITIVE_INFINITY;
            double firstOkEnd = Double.POSITIVE_INFINITY;
            double lastOkEnd = Double.NEGATIVE_INFINITY;
            int okCount = 0;
            for (RequestRecord r : repeat) {
                double offset = Timeline.offsetMs(r, first);
                double sent = offset + r.sentMs();
                double end = offset + r.endedMs();
                firstSent = Math.min(firstSent, sent);
                lastSent = Math.max(lastSent, sent);
                firstEnd = Math.min(firstEnd, end);
                if (r.intendedMs() != null) {
                    firstIntended = Math.min(firstIntended, offset + r.intendedMs());
                    lastIntended = Math.max(lastIntended, offset + r.intendedMs());
                }
                if (r.ok()) {
                    okCount++;
                    firstOkEnd = Math.min(firstOkEnd, end);
                    lastOkEnd = Math.max(lastOkEnd, end);
                    if (r.ttftMs() != null) ttftBySent.add(new double[] {sent, r.ttftMs()});
                }
            }
            if (repeat.size() > 1) {
                sentPairs += repeat.size() - 1;
                sentSpan += lastSent - firstSent;
                intendedSpan += lastIntended - firstIntended;
            }
            if (okCount > 1) {
                endPairs += okCount - 1;
                endSpan += lastOkEnd - firstOkEnd;
            }
            // the window the run was sending in: to its last send, and at least to its first end
            double until = Math.max(lastSent, firstEnd);
            window += until;
            for (RequestRecord r : repeat) {
                double offset = Timeline.offsetMs(r, first);
                double from = Math.max(0, offset + r.sentMs());
                double to = Math.min(until, offset + r.endedMs());
                if (to > from) inFlight += to - from;
            }
        }
        Double meanInFlight = window > 0 ? inFlight / window : null;
        Double achieved;
        Double scheduled = null;
        Boolean saturated = null;
        switch (load) {
            case Load.Rate r -> {
                achieved = sentPairs > 0 && sentSpan > 0 ? sentPairs / (sentSpan / 1000) : null;
                scheduled = sentPairs > 0 && intendedSpan > 0 ? sentPairs / (intendedSpan / 1000) : null;
                if (achieved != null && scheduled != null && Math.abs(achieved / scheduled - 1) > TOLERANCE) {
                    warnings.add(String.format(
                            Locale.ROOT,
                            "sent %s requests/s where its schedule asked for %s (%.0f%% %s): the client did not send on "
                                    + "time; ttft_from_intended_ms and e2e_from_intended_ms include the wait",
                            BenchTable.fmt(achieved),
                            BenchTable.fmt(scheduled),
                            Math.abs(achieved / scheduled - 1) * 100,
                            achieved < scheduled ? "fewer" : "more"));
                }
                double completionRate = endPairs > 0 && endSpan > 0 ? endPairs / (endSpan / 1000) : 0;
                double[] x = ttftBySent.stream().mapToDouble(p -> p[0]).toArray();
                double[] y = ttftBySent.stream().mapToDouble(p -> p[1]).toArray();
                saturated = endPairs + 1 >= SATURATION_MIN_REQUESTS
                        && completionRate < (1 - TOLERANCE) * r.perSecond()
                        && Confidence.rising(x, y);
                if (saturated) {
                    warnings.add(String.format(
                            Locale.ROOT,
                            "saturated: it completed %s requests/s of the %s offered while TTFT rose with time; "
                                    + "more load only queued, so it is not capacity",
                            BenchTable.fmt(completionRate),
                            BenchTable.fmt(r.perSecond())));
                }
            }
            case Load.Concurrency c -> {
                achieved = durationS > 0 ? records.size() / durationS : null;
                if (meanInFlight != null && Math.abs(meanInFlight / c.streams() - 1) > TOLERANCE) {
                    warnings.add(String.format(
                            Locale.ROOT,
                            "held %s requests in flight on average where %d were configured (%.0f%% %s)%s",
                            BenchTable.fmt(meanInFlight),
                            c.streams(),
                            Math.abs(meanInFlight / c.streams() - 1) * 100,
                            meanInFlight < c.streams() ? "fewer" : "more",
                            meanInFlight < c.streams() && records.size() < c.streams()
                                    ? ": the run had fewer requests than streams"
                                    : ": the client was slow to send the next request"));
                }
            }
        }
        if (dispatch != null && dispatch.p99() != null && dispatch.p99() > DISPATCH_DELAY_P99_MS) {
            warnings.add(String.format(
                    Locale.ROOT,
                    "dispatch delay p99 %s ms (above %s ms): requests began late against their intended time",
                    BenchTable.fmt(dispatch.p99()),
                    BenchTable.fmt(DISPATCH_DELAY_P99_MS)));
        }
        return new OpenLoop(achieved, scheduled, meanInFlight, dispatch, ttft, e2e, saturated, warnings);
    }
}
