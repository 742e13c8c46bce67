/**
 * The {@code chat} command: runs the server, a client with the chosen transport and UI, or account tasks. Transports,
 * UIs and consoles are found with {@link java.util.ServiceLoader}; this module names none of them.
 */
module chatroom.app {
    requires chatroom.api;
    requires chatroom.server;
    requires info.picocli;

    opens chatroom.app to info.picocli;
}
