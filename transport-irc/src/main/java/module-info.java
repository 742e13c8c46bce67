/**
 * IRC for the server: IRC clients (irssi, WeeChat, bots) log in with our accounts and talk in our rooms, which are
 * their channels. Each IRC connection is translated to and from protocol 2, so the server sees a client like any
 * other; the lines travel over the {@code tcp} transport's listener (its TLS, limits and slow-reader cut included).
 *
 * @provides chatroom.api.spi.ServerTransportProvider the {@code irc} listener, turned on by {@code --irc-port}
 */
module chatroom.transport.irc {
    requires chatroom.api;

    provides chatroom.api.spi.ServerTransportProvider with chatroom.transport.irc.IrcServerTransportProvider;
}
