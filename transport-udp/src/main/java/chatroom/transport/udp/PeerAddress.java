package chatroom.transport.udp;

import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A peer's address as the user typed it, {@code HOST:PORT} (IPv6 hosts in brackets); resolved only when joining, so
 * that creating a service touches no network.
 */
record PeerAddress(String host, int port) {
    /** @throws IllegalArgumentException saying what is wrong and what is expected */
    static PeerAddress parse(String text) {
        String value = text.strip();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new IllegalArgumentException("Bad --peer value '" + text
                    + "': expected HOST:PORT, such as 127.0.0.1:7000 or [::1]:7000.");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.indexOf(':') >= 0) {
            throw new IllegalArgumentException("Bad --peer value '" + text
                    + "': write an IPv6 address in brackets, such as [::1]:7000.");
        }
        if (host.isEmpty() || host.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new IllegalArgumentException("Bad --peer value '" + text + "': the host name is empty or has spaces.");
        }
        int port = parsePort(value.substring(colon + 1));
        if (port <= 0) {
            throw new IllegalArgumentException("Bad --peer value '" + text
                    + "': the port must be a number from 1 to 65535.");
        }
        return new PeerAddress(host, port);
    }

    /** The port number, or -1 when the text is not one from 0 to 65535. */
    static int parsePort(String text) {
        if (text.isEmpty() || text.length() > 5 || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int port = Integer.parseInt(text);
        return port <= 65535 ? port : -1;
    }

    /** @throws IOException when the host name cannot be resolved */
    InetSocketAddress resolve() throws IOException {
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IOException("Cannot find the peer host '" + host + "'. Check the --peer address.");
        }
        return address;
    }

    /** An address the way users write it: {@code 127.0.0.1:7000}, {@code [::1]:7000}. */
    static String format(InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return new PeerAddress(host, address.getPort()).toString();
    }

    @Override
    public String toString() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
