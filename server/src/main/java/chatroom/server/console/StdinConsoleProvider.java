package chatroom.server.console;

import chatroom.api.console.OperatorCommands;
import chatroom.api.spi.ServerConsoleContext;
import chatroom.api.spi.ServerConsoleProvider;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;

/** The operator's console on standard input. End of input leaves the server running; it stops by command or signal. */
public final class StdinConsoleProvider implements ServerConsoleProvider {
    /** Does nothing: ServiceLoader creates every provider it finds, chosen or not. */
    public StdinConsoleProvider() {
    }

    @Override
    public String name() {
        return "stdin";
    }

    @Override
    public String description() {
        return "Operator commands typed on the server's standard input (/help lists them)";
    }

    @Override
    public void run(ServerConsoleContext context) {
        OperatorCommands console = new OperatorCommands(context.server(), context.out()::println,
                ZoneId.systemDefault());
        Thread reader = Thread.ofPlatform().name("console").daemon().start(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!console.execute(line)) {
                        return;
                    }
                }
            } catch (IOException e) {
                context.err().println("console: cannot read standard input: " + e.getMessage());
            }
        });
        try {
            context.server().awaitStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.interrupt();
    }
}
