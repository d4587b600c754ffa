package dev.aichoose.bench;

/**
 * Frames a text/event-stream into events: {@code data:} with or without the space, multi-line
 * data joined, {@code :} comments (pings) skipped, an event dispatched at the blank line.
 */
final class ServerSentEvents {
    /** Receives one whole event; the time is when its last line was read. */
    interface Listener {
        void event(String name, String data, long nanos);
    }

    private final Listener listener;
    private String name;
    private StringBuilder data;
    private long dataNanos;

    ServerSentEvents(Listener listener) {
        this.listener = listener;
    }

    void line(String line, long nanos) {
        if (line.isEmpty()) {
            dispatch(nanos);
            return;
        }
        if (line.charAt(0) == ':') return;
        int colon = line.indexOf(':');
        String field = colon < 0 ? line : line.substring(0, colon);
        String value = colon < 0 ? "" : line.substring(colon + 1);
        if (!value.isEmpty() && value.charAt(0) == ' ') value = value.substring(1);
        switch (field) {
            case "data" -> {
                if (data == null) {
                    data = new StringBuilder(value);
                    dataNanos = nanos;
                }
                else data.append('\n').append(value);
            }
            case "event" -> name = value;
            default -> {} // id, retry and unknown fields carry nothing the bench measures
        }
    }

    /** A body may end without the final blank line; what was framed still counts. */
    void end(long nanos) {
        dispatch(nanos);
    }

    private void dispatch(long nanos) {
        if (data != null) listener.event(name, data.toString(), dataNanos);
        name = null;
        data = null;
    }
}
