package dev.aichoose.bench;

/** How requests are offered to the endpoint in one run. */
public sealed interface Load {
    /** A fixed number of requests in flight: each worker sends its next request when one ends. */
    record Concurrency(int streams) implements Load {
        public Concurrency {
            if (streams < 1) throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }

    /** Open-loop Poisson arrivals at a mean rate, whatever the endpoint's state. */
    record Rate(double perSecond) implements Load {
        public Rate {
            if (!(perSecond > 0)) throw new IllegalArgumentException("rate must be above 0");
        }
    }
}
