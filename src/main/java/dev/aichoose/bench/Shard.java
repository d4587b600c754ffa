package dev.aichoose.bench;

/**
 * Shard {@code index} of {@code count} ({@code --shard I/N}, I from 1): a fixed share of every run's
 * requests and of its load, the same on every machine for the same seed (docs/bench.md, "Shards").
 * Request n of a run belongs to shard ((n + r) mod N) + 1, r a rotation drawn from the seed, so that
 * the shards' requests are disjoint and together are the unsharded plan's, each shard sending every
 * N-th request: whole requests, never part of one. A concurrency is split into whole streams (shard I
 * gets ⌊c/N⌋, one more for the first c mod N shards); a rate into N equal shares, each shard sending
 * its requests at the times the whole plan's arrival process gives them.
 */
public record Shard(int index, int count) {
    public static final Shard WHOLE = new Shard(1, 1);

    public Shard {
        if (count < 1 || index < 1 || index > count)
            throw new IllegalArgumentException("a shard is I/N with 1 <= I <= N, not " + index + "/" + count);
    }

    /** Reads {@code I/N}; throws with the reason when it is not one. */
    public static Shard parse(String text) {
        String[] parts = text.trim().split("/", -1);
        if (parts.length != 2) throw new IllegalArgumentException("expected I/N (such as 1/4), not '" + text + "'");
        try {
            return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("expected I/N with whole numbers (such as 1/4), not '" + text + "'");
        }
    }

    boolean whole() {
        return count == 1;
    }

    /** Whether request {@code n} of a run is this shard's, for the plan's {@code seed}. */
    boolean owns(int n, long seed) {
        return Math.floorMod(n + rotation(seed), count) == index - 1;
    }

    /** The {@code j}-th request (from 0) this shard owns. */
    int request(int j, long seed) {
        return Math.floorMod(index - 1 - rotation(seed), count) + j * count;
    }

    private int rotation(long seed) {
        return (int) Math.floorMod(new java.util.SplittableRandom(seed).nextLong(), (long) count);
    }

    /** This shard's whole streams of {@code streams}. */
    int streams(int streams) {
        return streams / count + (index - 1 < streams % count ? 1 : 0);
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
