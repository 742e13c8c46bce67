package chatroom.bench;

import java.util.Locale;

/**
 * What one run measured. Latencies are in microseconds. CPU and RSS describe the server when it ran in this process
 * ({@code rssInProcess}: read after a forced GC, and including the light clients, so its growth per client is an
 * upper bound for the server's) or when the bench was given its process id (read as {@code top} shows it, no GC).
 * The room fields are null for a protocol-1 run in the one room; {@code store} names the local server's store
 * ({@code sqlite}, {@code postgresql}), null for a server the bench did not start.
 */
record BenchResult(int clients, int senders, long messagesSent, long expectedDeliveries, long deliveries, long lost,
                   double connectSeconds, double deliverySeconds, double deliveriesPerSecond, long p50, long p90,
                   long p99, long p999, long max, Double serverCpuSeconds, double benchCpuSeconds,
                   Long rssBeforeBytes, Long rssAfterBytes, Long rssPerClientBytes, boolean rssInProcess,
                   boolean durableHistory, String store, long errors, String firstError, Integer passwordLogins,
                   Double passwordLoginSeconds, Integer rooms, Integer roomsPerClient, Long joinP50, Long joinP99) {

    String summary() {
        StringBuilder line = new StringBuilder();
        if (rooms != null) {
            line.append(String.format(Locale.ROOT, "rooms=%d perClient=%d join(µs) p50=%d p99=%d ", rooms,
                    roomsPerClient, joinP50, joinP99));
        }
        line.append(String.format(Locale.ROOT,
                "clients=%d senders=%d sent=%d deliveries=%d/%d lost=%d %.2fs %s/s latency(µs) p50=%d p90=%d p99=%d"
                        + " p99.9=%d max=%d connect+login=%.2fs history=%s",
                clients, senders, messagesSent, deliveries, expectedDeliveries, lost, deliverySeconds,
                human(deliveriesPerSecond), p50, p90, p99, p999, max, connectSeconds,
                durableHistory ? "durable" : "off"));
        if (store != null) {
            line.append(" store=").append(store);
        }
        if (serverCpuSeconds != null) {
            line.append(String.format(Locale.ROOT, " serverCPU=%.2fs", serverCpuSeconds));
        }
        line.append(String.format(Locale.ROOT, " benchCPU=%.2fs", benchCpuSeconds));
        if (rssPerClientBytes != null) {
            line.append(String.format(Locale.ROOT, " rss=%.1fMiB→%.1fMiB (+%.1fKiB/client, %s)",
                    rssBeforeBytes / 1048576.0, rssAfterBytes / 1048576.0, rssPerClientBytes / 1024.0,
                    rssInProcess ? "after GC, bench included" : "server process, no GC"));
        }
        if (passwordLogins != null) {
            line.append(String.format(Locale.ROOT, " passwordLogins=%d in %.1fs", passwordLogins,
                    passwordLoginSeconds));
        }
        if (errors > 0) {
            line.append(" errors=").append(errors).append(" first: ").append(firstError);
        }
        return line.toString();
    }

    private static String human(double perSecond) {
        if (perSecond >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", perSecond / 1e6);
        }
        if (perSecond >= 1e3) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.0f", perSecond);
    }
}
