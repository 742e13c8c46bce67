package chatroom.transport.tcp;

import java.util.ArrayList;
import java.util.List;

/**
 * The servers a client may connect to: one, or the nodes of one chat, as {@code --host} gives them (comma-separated
 * {@code host} or {@code host:port}, an IPv6 address in brackets; a port left out is {@code --port}). A name with
 * several addresses is several servers too, each address tried in turn. After a connection is lost the next one is
 * tried first, so that a client leaves a node that died rather than waiting for it.
 */
final class Servers {
    /** One server as given: a name or an address, and a port. */
    record Address(String host, int port) {
        /** As people write it: {@code host:port}, an IPv6 address in brackets. */
        String shown() {
            return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final List<Address> addresses;
    private int current;

    private Servers(List<Address> addresses) {
        this.addresses = addresses;
    }

    /**
     * The servers in {@code hosts}, the port of those without one being {@code defaultPort}.
     *
     * @throws IllegalArgumentException saying what is wrong with the list
     */
    static Servers parse(String hosts, int defaultPort) {
        List<Address> addresses = new ArrayList<>();
        for (String part : hosts.split(",", -1)) {
            String entry = part.strip();
            if (entry.isEmpty()) {
                throw new IllegalArgumentException("--host '" + hosts + "' has an empty server in its list.");
            }
            addresses.add(address(entry, defaultPort));
        }
        return new Servers(List.copyOf(addresses));
    }

    private static Address address(String entry, int defaultPort) {
        if (entry.startsWith("[")) {
            int close = entry.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("--host '" + entry + "' opens a bracket it does not close.");
            }
            String rest = entry.substring(close + 1);
            if (!rest.isEmpty() && !rest.startsWith(":")) {
                throw new IllegalArgumentException("--host '" + entry + "': after ']' comes ':PORT' or nothing.");
            }
            return new Address(entry.substring(1, close), rest.isEmpty() ? defaultPort : port(entry, rest.substring(1)));
        }
        int colon = entry.indexOf(':');
        if (colon < 0 || entry.indexOf(':', colon + 1) >= 0) {
            // No port, or an IPv6 address written without brackets: all of it is the host.
            return new Address(entry, defaultPort);
        }
        return new Address(entry.substring(0, colon), port(entry, entry.substring(colon + 1)));
    }

    private static int port(String entry, String text) {
        try {
            int port = Integer.parseInt(text);
            if (port >= 1 && port <= 65_535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("--host '" + entry + "': the port is a number from 1 to 65535.");
    }

    List<Address> all() {
        return addresses;
    }

    /** The servers in the order to try them now: the one in use (or last used) first. */
    synchronized List<Address> inTurn() {
        List<Address> order = new ArrayList<>(addresses.size());
        for (int i = 0; i < addresses.size(); i++) {
            order.add(addresses.get((current + i) % addresses.size()));
        }
        return order;
    }

    /** The client is connected to this one. */
    synchronized void connected(Address address) {
        int index = addresses.indexOf(address);
        if (index >= 0) {
            current = index;
        }
    }

    /** The connection to the current one was lost: the next is tried first. */
    synchronized void lost() {
        current = (current + 1) % addresses.size();
    }

    /** The one in use (or last used). */
    synchronized Address current() {
        return addresses.get(current);
    }
}
