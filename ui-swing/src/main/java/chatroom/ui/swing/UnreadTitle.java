package chatroom.ui.swing;

/**
 * The client window's title: the user's name and, while the window is in the background, how many messages
 * arrived since it was last looked at ("(3) chatroom — alice"), so a glance at the task bar tells.
 */
final class UnreadTitle {
    static final String APP = "chatroom";

    private String name;
    private boolean focused = true;
    private int unread;

    void name(String name) {
        this.name = name;
    }

    /** The window came to the front or went to the background; coming to the front reads everything. */
    void focused(boolean focused) {
        this.focused = focused;
        if (focused) {
            unread = 0;
        }
    }

    /** A message arrived; counts only while nobody is looking. */
    void arrived() {
        if (!focused && unread < Integer.MAX_VALUE) {
            unread++;
        }
    }

    String text() {
        String title = name == null ? APP : APP + " — " + name;
        return unread > 0 ? "(" + unread + ") " + title : title;
    }
}
