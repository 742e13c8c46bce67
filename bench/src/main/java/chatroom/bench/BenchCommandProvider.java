package chatroom.bench;

import chatroom.api.spi.CommandProvider;
import picocli.CommandLine;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;

/** The {@code chat bench} command, in its own module so that normal clients and servers do not carry it. */
public final class BenchCommandProvider implements CommandProvider {
    /** Does nothing: ServiceLoader creates every provider it finds, chosen or not. */
    public BenchCommandProvider() {
    }

    @Override
    public String name() {
        return "bench";
    }

    @Override
    public String description() {
        return "Load a server with light clients; report throughput, latency, losses";
    }

    @Override
    public int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        CommandLine commandLine = new CommandLine(new BenchCommand(out, err));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            err.println("chat bench: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            return 1;
        });
        return commandLine.execute(args.toArray(String[]::new));
    }
}
