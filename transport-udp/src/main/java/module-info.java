/**
 * The {@code udp} client transport: a serverless chat group whose peers exchange encrypted, reliably ordered
 * datagrams and gossip their membership.
 *
 * @provides chatroom.api.spi.ChatServiceProvider
 */
module chatroom.transport.udp {
    requires chatroom.api;

    provides chatroom.api.spi.ChatServiceProvider with chatroom.transport.udp.UdpChatServiceProvider;
}
