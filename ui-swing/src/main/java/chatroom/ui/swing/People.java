package chatroom.ui.swing;

import javax.swing.DefaultListModel;
import javax.swing.ListModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The people of the room shown, as the client model lists them: those online first, then (with rooms) the members
 * who are offline, each with their role. Changed in place, so a person the user selected stays selected.
 */
final class People {
    /**
     * One person of the list.
     *
     * @param role {@code owner}, {@code operator} or {@code member}
     */
    record Person(String name, String role, boolean online) {
    }

    private final DefaultListModel<Person> people = new DefaultListModel<>();

    ListModel<Person> model() {
        return people;
    }

    /** The list's heading, with the count: "Online (3)", or "Online (3 of 5)" when members are offline. */
    String title() {
        long online = all().stream().filter(Person::online).count();
        return online == people.size() ? "Online (" + online + ")" : "Online (" + online + " of " + people.size() + ")";
    }

    /** Shows these people, in their order. */
    void show(List<Person> shown) {
        for (int i = people.size() - 1; i >= 0; i--) {
            if (!shown.contains(people.get(i))) {
                people.remove(i);
            }
        }
        for (int i = 0; i < shown.size(); i++) {
            if (i >= people.size() || !people.get(i).equals(shown.get(i))) {
                people.add(i, shown.get(i));
            }
        }
    }

    void clear() {
        people.clear();
    }

    /** Every name listed, in order. */
    List<String> names() {
        return all().stream().map(Person::name).toList();
    }

    private List<Person> all() {
        List<Person> copy = new ArrayList<>();
        for (int i = 0; i < people.size(); i++) {
            copy.add(people.get(i));
        }
        return copy;
    }
}
