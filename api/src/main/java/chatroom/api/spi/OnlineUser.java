package chatroom.api.spi;

import java.time.Instant;

/**
 * Someone online, as the operator sees them.
 *
 * @param name    display name
 * @param account the account logged in with (differs from {@code name} after a rename)
 * @param address where they connect from
 * @param since   when they logged in
 */
public record OnlineUser(String name, String account, String address, Instant since) {
}
