package chatroom.app;

/** Entry point of the {@code chat} command. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(ChatCommand.execute(Io.system(), args));
    }
}
