package chatroom.bench;

import chatroom.api.message.ChatMessage;
import chatroom.api.message.JoinRoom;
import chatroom.api.message.LoggedIn;
import chatroom.api.message.Login;
import chatroom.api.message.Say;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The resume scenario of protocol 2: a guest joins {@code rooms} rooms (the default room and new ones, one round trip
 * each), loses its connection, misses {@code missed} messages in every room, and resumes with one login that names
 * the last id it saw in each. Measures each join's round trip and the resume, from sending the login to the last
 * room's {@code history_end}, and checks that every missed message came back exactly once.
 */
record ResumeProbe(InetSocketAddress server, int rooms, int missed, String prefix) {
    /** What the probe measured; latencies in microseconds. */
    record Result(int rooms, int missedPerRoom, LatencyHistogram joins, double resumeMillis, long expected,
                  long replayed, long lost, long doubled) {

        String summary() {
            return String.format(java.util.Locale.ROOT, "resume: rooms=%d missed=%d per room; joins=%d round trip(µs)"
                            + " p50=%d max=%d; resumed in %.1f ms: replayed=%d/%d lost=%d doubled=%d", rooms,
                    missedPerRoom, joins.count(), joins.percentile(50), joins.max(), resumeMillis, replayed, expected,
                    lost, doubled);
        }
    }

    Result run() throws IOException {
        String probeName = prefix + "probe";
        String fillerName = prefix + "filler";
        List<String> roomNames = new ArrayList<>();
        LatencyHistogram joins = new LatencyHistogram();
        String resumeToken;
        Map<String, Long> seen = new LinkedHashMap<>();
        try (ProbeLine filler = new ProbeLine(server)) {
            try (ProbeLine probe = new ProbeLine(server)) {
                LoggedIn probeLogin = probe.logIn(Login.asGuest(probeName));
                resumeToken = probeLogin.resume();
                roomNames.add(probeLogin.rooms().getFirst().name());
                for (int i = 1; i < rooms; i++) {
                    String name = "#" + prefix + "r" + i;
                    roomNames.add(name);
                    long start = System.nanoTime();
                    probe.send(new JoinRoom(name));
                    probe.awaitLineStarting("{\"type\":\"room\",");
                    joins.record((System.nanoTime() - start) / 1_000);
                }
                filler.logIn(Login.asGuest(fillerName));
                for (String name : roomNames.subList(1, roomNames.size())) {
                    filler.send(new JoinRoom(name));
                    filler.awaitLineStarting("{\"type\":\"room\",");
                }
                // One message in each room that the probe sees live: the ids it will say it has seen.
                for (String name : roomNames) {
                    filler.send(new Say("before", null, name));
                }
                while (seen.size() < roomNames.size()) {
                    if (probe.next() instanceof ChatMessage message && message.from().equals(fillerName)) {
                        seen.put(message.room(), message.id());
                    }
                }
            }
            Map<String, Set<Long>> sentWhileAway = sendWhileAway(filler, fillerName, roomNames);
            return resume(probeName, resumeToken, seen, sentWhileAway, joins);
        }
    }

    /** The probe back on a new connection: one login with the last id of each room, timed to the last replay. */
    private Result resume(String probeName, String resumeToken, Map<String, Long> seen,
                          Map<String, Set<Long>> sentWhileAway, LatencyHistogram joins) throws IOException {
        try (ProbeLine probe = new ProbeLine(server)) {
            probe.hello();
            List<String> lines = new ArrayList<>();
            long start = System.nanoTime();
            probe.send(Login.resuming(probeName, resumeToken, 0).seeing(seen));
            int ended = 0;
            while (ended < seen.size()) {
                String line = probe.readLine();
                lines.add(line);
                if (line.startsWith("{\"type\":\"history_end\"")) {
                    ended++;
                }
            }
            double resumeMillis = (System.nanoTime() - start) / 1e6;
            return check(lines, sentWhileAway, joins, resumeMillis);
        }
    }

    /** The filler says {@code missed} lines in each room while the probe is away; the ids they got, by room. */
    private Map<String, Set<Long>> sendWhileAway(ProbeLine filler, String fillerName, List<String> roomNames)
            throws IOException {
        Map<String, Set<Long>> ids = new HashMap<>();
        for (int i = 0; i < missed; i++) {
            for (String name : roomNames) {
                filler.send(new Say("missed " + i, null, name));
            }
        }
        long echoed = 0;
        while (echoed < (long) missed * roomNames.size()) {
            if (filler.next() instanceof ChatMessage message && message.from().equals(fillerName)
                    && message.text().startsWith("missed ")) {
                ids.computeIfAbsent(message.room(), room -> new HashSet<>()).add(message.id());
                echoed++;
            }
        }
        return ids;
    }

    private Result check(List<String> lines, Map<String, Set<Long>> expected, LatencyHistogram joins,
                         double resumeMillis) throws IOException {
        Map<String, Set<Long>> replayed = new HashMap<>();
        long doubled = 0;
        long count = 0;
        for (String line : lines) {
            if (ProbeLine.decode(line) instanceof ChatMessage message && message.history()) {
                Set<Long> expectedHere = expected.getOrDefault(message.room(), Set.of());
                if (expectedHere.contains(message.id())) {
                    count++;
                    if (!replayed.computeIfAbsent(message.room(), room -> new HashSet<>()).add(message.id())) {
                        doubled++;
                    }
                }
            }
        }
        long total = expected.values().stream().mapToLong(Set::size).sum();
        long distinct = replayed.values().stream().mapToLong(Set::size).sum();
        return new Result(rooms, missed, joins, resumeMillis, total, count, total - distinct, doubled);
    }
}
