/**
 * The {@code udp} client transport: a serverless chat group whose peers exchange encrypted, reliably ordered
 * datagrams and gossip their membership.
 */
module chatroom.transport.udp {
    requires chatroom.api;
}
