package chatroom.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** Draws a sweep with gnuplot: deliveries per second and p99 latency against the number of clients. */
final class SweepPlot {
    private final List<BenchResult> results;

    SweepPlot(List<BenchResult> results) {
        this.results = results;
    }

    void write(Path png) throws IOException, InterruptedException {
        Path data = Files.createTempFile("chat-bench-", ".dat");
        Path script = Files.createTempFile("chat-bench-", ".gp");
        try {
            StringBuilder rows = new StringBuilder("# clients deliveries_per_second p99_ms\n");
            for (BenchResult result : results) {
                rows.append(String.format(Locale.ROOT, "%d %.0f %.3f%n", result.clients(),
                        result.deliveriesPerSecond(), result.p99() / 1000.0));
            }
            Files.writeString(data, rows);
            Files.writeString(script, String.join("\n",
                    "set terminal pngcairo size 900,540 font 'Sans,11'",
                    "set output '" + png.toAbsolutePath() + "'",
                    "set title 'chat bench sweep: fan-out throughput and p99 latency'",
                    "set xlabel 'clients in the room'",
                    "set logscale x",
                    "set ylabel 'deliveries per second'",
                    "set y2label 'p99 latency (ms)'",
                    "set ytics nomirror",
                    "set y2tics",
                    "set format y '%.1s%c'",
                    "set grid",
                    "set key top left",
                    "plot '" + data.toAbsolutePath() + "' using 1:2 with linespoints lw 2 pt 7 title 'deliveries/s', \\",
                    "     '' using 1:3 axes x1y2 with linespoints lw 2 pt 5 title 'p99 latency (ms)'",
                    ""));
            Process gnuplot;
            try {
                gnuplot = new ProcessBuilder("gnuplot", script.toString()).redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new IOException("--plot needs gnuplot: apt-get install gnuplot-nox", e);
            }
            String output = new String(gnuplot.getInputStream().readAllBytes());
            if (!gnuplot.waitFor(60, TimeUnit.SECONDS) || gnuplot.exitValue() != 0) {
                throw new IOException("gnuplot failed: " + output.strip());
            }
        } finally {
            Files.deleteIfExists(data);
            Files.deleteIfExists(script);
        }
    }
}
