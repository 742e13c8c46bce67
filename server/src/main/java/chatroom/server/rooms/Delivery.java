package chatroom.server.rooms;

import chatroom.api.codec.Frame;
import chatroom.server.sessions.Session;

/**
 * One frame for a set of recipients, and what to do once it is queued for all of them (close a connection, say).
 * The room reuses one recipients array until someone joins or leaves, so runs of deliveries to the same array can be
 * queued together.
 */
public record Delivery(Session[] recipients, Frame frame, Runnable then) {
    static Delivery to(Session[] recipients, Frame frame) {
        return new Delivery(recipients, frame, null);
    }

    static Delivery to(Session recipient, Frame frame) {
        return new Delivery(new Session[] {recipient}, frame, null);
    }
}
