package dev.aichoose.cost;

/**
 * How many units (cards, systems, instances) a month's peak load needs: enough model replicas that
 * none runs above the planning utilisation at peak (docs/methodology.md, "Sizing the fleet").
 * Replicas may span several GPUs ({@code gpusPerReplica}) and pool the GPUs of several units.
 */
public final class FleetSizing {
    /**
     * The most units aichoose sizes a fleet to: ten times what a stated count may be (100,000) at the
     * lowest planning utilisation (0.1), so that any load a stated count carries, a sized fleet
     * carries too. A load beyond it outgrows the sized fleet like a stated one.
     */
    public static final int MAX_UNITS = 10_000_000;

    /** Required/delivered ratios within this of a whole number count as that number (float noise). */
    private static final double TOLERANCE = 1e-9;

    private FleetSizing() {}

    /** Replicas needed to carry {@code requiredTokensPerSecond} with none above {@code utilisation}. */
    public static int replicasNeeded(
            double requiredTokensPerSecond, double perReplicaTokensPerSecond, double utilisation) {
        return (int) Math.min(
                replicasNeededCount(requiredTokensPerSecond, perReplicaTokensPerSecond, utilisation),
                Integer.MAX_VALUE);
    }

    /**
     * The same as a whole number of any size, for a message: a load far beyond any fleet needs more
     * replicas than an int holds, and {@link #replicasNeeded} stops at 2,147,483,647.
     */
    public static double replicasNeededCount(
            double requiredTokensPerSecond, double perReplicaTokensPerSecond, double utilisation) {
        if (!(perReplicaTokensPerSecond > 0) || !(utilisation > 0)) {
            throw new IllegalArgumentException("a replica must deliver tokens: " + perReplicaTokensPerSecond);
        }
        if (requiredTokensPerSecond <= 0) return 0;
        return Math.ceil(requiredTokensPerSecond / (perReplicaTokensPerSecond * utilisation) - TOLERANCE);
    }

    /** Units that hold {@code replicas} replicas of {@code gpusPerReplica} GPUs each. */
    public static int unitsFor(int replicas, int gpusPerReplica, int gpusPerUnit) {
        return (int) Math.min(Math.ceil((double) replicas * gpusPerReplica / gpusPerUnit), MAX_UNITS);
    }

    /** Replicas that {@code units} units hold. */
    public static int replicasIn(int units, int gpusPerReplica, int gpusPerUnit) {
        return (int) ((long) units * gpusPerUnit / gpusPerReplica);
    }

    /**
     * Units needed in each month (index 0 is month 1), never fewer than {@code minimumUnits} nor more
     * than {@link #MAX_UNITS}.
     *
     * @param requiredTokensPerSecond peak generated tokens/s in each month
     */
    public static int[] unitsNeeded(
            double[] requiredTokensPerSecond,
            double perReplicaTokensPerSecond,
            int gpusPerReplica,
            int gpusPerUnit,
            double utilisation,
            int minimumUnits) {
        int[] units = new int[requiredTokensPerSecond.length];
        for (int i = 0; i < units.length; i++) {
            int replicas = replicasNeeded(requiredTokensPerSecond[i], perReplicaTokensPerSecond, utilisation);
            units[i] = Math.max(minimumUnits, unitsFor(replicas, gpusPerReplica, gpusPerUnit));
        }
        return units;
    }

    /** The highest share of its throughput the fleet runs at, over the months (0 when it never runs). */
    public static double peakUtilisation(
            double[] requiredTokensPerSecond,
            int[] units,
            double perReplicaTokensPerSecond,
            int gpusPerReplica,
            int gpusPerUnit) {
        double peak = 0;
        for (int i = 0; i < units.length; i++) {
            double delivered = replicasIn(units[i], gpusPerReplica, gpusPerUnit) * perReplicaTokensPerSecond;
            peak = Math.max(
                    peak,
                    delivered > 0
                            ? requiredTokensPerSecond[i] / delivered
                            : requiredTokensPerSecond[i] > 0 ? Double.POSITIVE_INFINITY : 0);
        }
        return peak;
    }
}
