package dev.aichoose.catalog;

import dev.aichoose.model.CloudOffer;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.regression.SimpleRegression;

/**
 * How rent moved across dated catalog snapshots (docs/methodology.md §16.1): per GPU and tier, the
 * median $/GPU-hour at each date over the instance types that offer it (each at its cheapest
 * region), and the annual change of a least-squares line through ln(median) against time in years,
 * with a two-sided 90 % interval from the slope's standard error (Student's t, n − 2 degrees of
 * freedom). Fewer than three dates give a change but no interval.
 */
public final class RentTrends {
    private RentTrends() {}

    /** Days in a year, for the regression's time axis. */
    static final double DAYS_PER_YEAR = 365.25;
    /** The interval's two-sided confidence. */
    public static final double CONFIDENCE = 0.90;
    /** The bounds of {@code assumptions.gpu_rent_change_annual}, which a trend feeds. */
    public static final double MIN_CHANGE = -0.999;

    public static final double MAX_CHANGE = 1;

    /** One snapshot: its label (what was read) and date, and the offers imported from it. */
    public record Snapshot(String label, LocalDate date, List<CloudOffer> offers) {}

    /** The median $/GPU-hour of one GPU and tier at one date, over {@code offers} instance types. */
    public record Point(LocalDate date, double medianUsdPerGpuHour, int offers) {}

    /**
     * One GPU and tier over time. {@code annualChange} is exp(slope) − 1; {@code low} and {@code high}
     * the interval's ends (null with fewer than three dates); {@code clamped} when a figure was cut to
     * the bounds of gpu_rent_change_annual.
     */
    public record Series(
            String gpu,
            String tier,
            List<Point> points,
            Double annualChange,
            Double low,
            Double high,
            Double slopePerYear,
            Double slopeStdErr,
            boolean clamped) {}

    public record Trend(List<Snapshot> snapshots, List<Series> series) {}

    public static Trend of(List<Snapshot> snapshots) {
        List<Snapshot> sorted =
                snapshots.stream().sorted(Comparator.comparing(Snapshot::date)).toList();
        // per GPU, tier and date, the prices of the instance types that offer it
        Map<String, Map<LocalDate, List<Double>>> prices = new TreeMap<>();
        for (Snapshot s : sorted) {
            for (CloudOffer o : s.offers()) {
                prices.computeIfAbsent(o.gpu() + "\t" + o.tier(), k -> new TreeMap<>())
                        .computeIfAbsent(s.date(), d -> new ArrayList<>())
                        .add(o.usdPerGpuHour());
            }
        }
        Map<String, List<Point>> byKey = new TreeMap<>();
        prices.forEach((key, byDate) -> byDate.forEach((date, list) ->
                byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Point(date, median(list), list.size()))));
        List<Series> series = new ArrayList<>();
        LocalDate first = sorted.isEmpty() ? null : sorted.getFirst().date();
        byKey.forEach((key, points) -> {
            points.sort(Comparator.comparing(Point::date));
            String[] parts = key.split("\t");
            series.add(fit(parts[0], parts[1], points, first));
        });
        // on-demand before spot, each GPU in id order
        series.sort(Comparator.comparing((Series s) -> !s.tier().equals("on_demand"))
                .thenComparing(Series::tier)
                .thenComparing(Series::gpu));
        return new Trend(sorted, series);
    }

    /**
     * The middle price, or the mean of the two middle ones (Commons Math's median). Not Tablesaw's
     * summarize: its table operations log through SLF4J, which has no binding in the shipped jar and
     * would print a three-line warning on every run.
     */
    static double median(List<Double> values) {
        double m = new org.apache.commons.math3.stat.descriptive.rank.Median()
                .evaluate(values.stream().mapToDouble(Double::doubleValue).toArray());
        // the mean of two prices to 12 significant places: (3.19 + 3.09) / 2 is 3.14, not 3.1399999999999997
        return new java.math.BigDecimal(m).round(new java.math.MathContext(12)).doubleValue();
    }

    static Series fit(String gpu, String tier, List<Point> points, LocalDate first) {
        long dates = points.stream().map(Point::date).distinct().count();
        if (dates < 2) return new Series(gpu, tier, List.copyOf(points), null, null, null, null, null, false);
        SimpleRegression r = new SimpleRegression();
        for (Point p : points) {
            r.addData(ChronoUnit.DAYS.between(first, p.date()) / DAYS_PER_YEAR, Math.log(p.medianUsdPerGpuHour()));
        }
        double b = r.getSlope();
        Double se = null;
        Double low = null;
        Double high = null;
        boolean[] clamped = {false};
        double change = clamp(Math.expm1(b), clamped);
        if (points.size() >= 3) {
            se = r.getSlopeStdErr();
            double t = new TDistribution(points.size() - 2).inverseCumulativeProbability(0.5 + CONFIDENCE / 2);
            low = clamp(Math.expm1(b - t * se), clamped);
            high = clamp(Math.expm1(b + t * se), clamped);
        }
        return new Series(gpu, tier, List.copyOf(points), change, low, high, b, se, clamped[0]);
    }

    private static double clamp(double v, boolean[] clamped) {
        if (v < MIN_CHANGE) {
            clamped[0] = true;
            return MIN_CHANGE;
        }
        if (v > MAX_CHANGE) {
            clamped[0] = true;
            return MAX_CHANGE;
        }
        return v;
    }
}
