package chatroom.ui.swing;

import chatroom.api.message.Member;

import javax.swing.DefaultListModel;
import javax.swing.ListModel;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Who is online, sorted by name as the server sorts them, kept current from join, leave and rename events. */
final class People {
    private static final Comparator<String> ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private final DefaultListModel<String> names = new DefaultListModel<>();

    ListModel<String> model() {
        return names;
    }

    /** The list's heading, with the count. */
    String title() {
        return "Online (" + names.size() + ")";
    }

    void replaceAll(List<Member> members) {
        List<String> sorted = new ArrayList<>();
        for (Member member : members) {
            sorted.add(member.name());
        }
        sorted.sort(ORDER);
        names.clear();
        names.addAll(sorted);
    }

    void joined(String name) {
        if (names.contains(name)) {
            return;
        }
        int at = 0;
        while (at < names.size() && ORDER.compare(names.get(at), name) < 0) {
            at++;
        }
        names.add(at, name);
    }

    void left(String name) {
        names.removeElement(name);
    }

    void renamed(String from, String to) {
        left(from);
        joined(to);
    }

    void clear() {
        names.clear();
    }

    List<String> names() {
        List<String> copy = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            copy.add(names.get(i));
        }
        return copy;
    }
}
