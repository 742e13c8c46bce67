/**
 * {@code chat bench}: loads a chat server with light protocol clients and reports connect time, deliveries per
 * second, latency percentiles, losses and the server's CPU and memory.
 *
 * @provides chatroom.api.spi.CommandProvider the {@code bench} command
 */
module chatroom.bench {
    requires chatroom.api;
    requires chatroom.server;
    requires com.google.gson;
    requires info.picocli;
    requires java.management;

    provides chatroom.api.spi.CommandProvider with chatroom.bench.BenchCommandProvider;

    opens chatroom.bench to info.picocli, com.google.gson;
}
