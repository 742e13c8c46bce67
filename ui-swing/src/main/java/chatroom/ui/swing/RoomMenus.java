package chatroom.ui.swing;

import chatroom.api.rules.RoomNames;
import chatroom.api.rules.Roles;
import chatroom.client.Chat;
import chatroom.client.Conversation;

import javax.swing.JCheckBoxMenuItem;
import javax.swing.JMenuItem;
import javax.swing.JPopupMenu;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The context menus of a room (in the conversation list) and of a person (in the people list), offering what the
 * user's role in the room allows: leaving for everyone; inviting, kicking, banning and the room's settings for its
 * owner and operators; roles and deleting the room for its owner. What cannot be undone is asked first. Requests go
 * through the {@link Chat}; its refusals come back as events, and one that cannot be sent goes to {@code problems}.
 */
final class RoomMenus {
    private final ChatShell shell;

    RoomMenus(ChatShell shell) {
        this.shell = shell;
    }

    /** The menu of a room the user is in. */
    JPopupMenu forRoom(Chat chat, Conversation room, Consumer<String> problems) {
        JPopupMenu menu = new JPopupMenu();
        String name = room.name();
        String role = room.roleOf(chat.me());
        boolean keepsOrder = Roles.OWNER.equals(role) || Roles.OPERATOR.equals(role);
        menu.add(item("leaveRoom", "Leave " + name, () -> chat.part(room, null).ifPresent(problems)));
        if (keepsOrder) {
            menu.addSeparator();
            menu.add(item("inviteToRoom", "Invite someone to " + name + "…", () -> shell.ask("Invite",
                    "The account to invite to " + name + ":", "").map(String::strip).filter(typed -> !typed.isEmpty())
                    .ifPresent(account -> chat.invite(room, account).ifPresent(problems))));
            menu.add(toggle("topicLock", "Only the owner and operators set the topic", room.topicLocked(),
                    locked -> chat.lockTopic(room, locked).ifPresent(problems)));
            menu.add(toggle("inviteOnly", "Invite only", room.inviteOnly(),
                    only -> chat.setInviteOnly(room, only).ifPresent(problems)));
            menu.add(item("listBans", "Who is banned from " + name, () -> chat.listBans(room).ifPresent(problems)));
        }
        if (Roles.OWNER.equals(role) && !RoomNames.key(name).equals(RoomNames.key(RoomNames.DEFAULT_ROOM))) {
            menu.addSeparator();
            menu.add(item("deleteRoom", "Delete " + name + "…", () -> {
                if (shell.confirm("Delete " + name, "Delete " + name + " with its whole history, for everyone in it?"
                        + " This cannot be undone.")) {
                    chat.deleteRoom(room).ifPresent(problems);
                }
            }));
        }
        return menu;
    }

    /** The menu of a person listed in a room: write privately; for its owner and operators, keep order. */
    JPopupMenu forPerson(Chat chat, Conversation room, People.Person person, Consumer<String> writePrivately,
                         Consumer<String> problems) {
        JPopupMenu menu = new JPopupMenu();
        String name = person.name();
        if (name.equals(chat.me())) {
            return menu;
        }
        menu.add(item("writePrivately", "Write to " + name + " privately", () -> writePrivately.accept(name)));
        String role = room.roleOf(chat.me());
        boolean keepsOrder = chat.hasRooms() && (Roles.OWNER.equals(role) || Roles.OPERATOR.equals(role));
        if (!keepsOrder || Roles.OWNER.equals(person.role())) {
            return menu;
        }
        String where = room.name();
        menu.addSeparator();
        if (person.online()) {
            menu.add(item("kick", "Kick " + name + " out of " + where + "…", () -> {
                if (shell.confirm("Kick " + name, "Put " + name + " out of " + where + "? They can come back unless"
                        + " banned.")) {
                    chat.kick(room, name, null).ifPresent(problems);
                }
            }));
        }
        menu.add(item("ban", "Ban " + name + " from " + where + "…", () -> {
            if (shell.confirm("Ban " + name, "Ban " + name + " from " + where + "? They are put out and cannot come"
                    + " back until the ban is lifted.")) {
                chat.ban(room, name, true).ifPresent(problems);
            }
        }));
        if (Roles.OWNER.equals(role)) {
            boolean operator = Roles.OPERATOR.equals(person.role());
            menu.add(item(operator ? "deop" : "op", operator ? "Take operator from " + name
                    : "Make " + name + " an operator", () -> chat.setRole(room, name, operator ? Roles.MEMBER
                    : Roles.OPERATOR).ifPresent(problems)));
        }
        return menu;
    }

    private static JMenuItem item(String name, String text, Runnable action) {
        JMenuItem item = new JMenuItem(text);
        item.setName(name);
        item.addActionListener(event -> action.run());
        return item;
    }

    private static JMenuItem toggle(String name, String text, boolean on, Consumer<Boolean> action) {
        JCheckBoxMenuItem item = new JCheckBoxMenuItem(text, on);
        item.setName(name);
        item.addActionListener(event -> action.accept(item.isSelected()));
        return item;
    }

    /** The item of a menu with this name, if it has one. */
    static Optional<JMenuItem> named(JPopupMenu menu, String name) {
        for (var component : menu.getComponents()) {
            if (component instanceof JMenuItem item && name.equals(item.getName())) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }
}
