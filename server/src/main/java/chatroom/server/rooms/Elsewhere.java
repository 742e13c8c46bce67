package chatroom.server.rooms;

import chatroom.api.rules.Names;
import chatroom.server.store.ClusterLink;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * On a node of several, the people online on the other nodes, by member key: a person may be on several nodes, and
 * is online elsewhere until the last of them says otherwise (or is gone). Rooms thread only.
 */
final class Elsewhere {
    /** Someone online elsewhere, as the newest node to say so put it. */
    record Remote(String memberKey, String name, boolean guest, long since) {
    }

    private final Map<String, Remote> people = new HashMap<>();
    /** Member keys by the folded display name they go by. */
    private final Map<String, String> byName = new HashMap<>();
    /** The same folded names, readable from any thread (the file relay asks). */
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final Map<String, Set<String>> nodesOf = new HashMap<>();

    /** Someone is online on a node; whether they were online on no other node before. */
    boolean arrive(ClusterLink.Person person) {
        put(new Remote(person.memberKey(), person.name(), person.guest(), person.since()));
        return nodesOf.computeIfAbsent(person.memberKey(), any -> new HashSet<>()).add(person.node())
                && nodesOf.get(person.memberKey()).size() == 1;
    }

    /** Someone is offline on a node; who, if that was their last node elsewhere, else null. */
    Remote depart(String node, String memberKey) {
        Set<String> nodes = nodesOf.get(memberKey);
        if (nodes == null || !nodes.remove(node) || !nodes.isEmpty()) {
            return null;
        }
        nodesOf.remove(memberKey);
        return remove(memberKey);
    }

    private void put(Remote remote) {
        Remote before = people.put(remote.memberKey(), remote);
        if (before != null) {
            byName.remove(Names.key(before.name()), before.memberKey());
            names.remove(Names.key(before.name()));
        }
        byName.put(Names.key(remote.name()), remote.memberKey());
        names.add(Names.key(remote.name()));
    }

    private Remote remove(String memberKey) {
        Remote gone = people.remove(memberKey);
        if (gone != null) {
            byName.remove(Names.key(gone.name()), memberKey);
            names.remove(Names.key(gone.name()));
        }
        return gone;
    }

    /** Whether someone online elsewhere goes by that display name; safe from any thread, as of a moment ago. */
    boolean hasName(String name) {
        return names.contains(Names.key(name));
    }

    /** The person online elsewhere who goes by that display name, or null. */
    Remote named(String name) {
        String memberKey = byName.get(Names.key(name));
        return memberKey == null ? null : people.get(memberKey);
    }

    /** A node is gone: who was online only there. */
    List<Remote> nodeGone(String node) {
        List<Remote> gone = new ArrayList<>();
        for (String memberKey : List.copyOf(nodesOf.keySet())) {
            Remote remote = depart(node, memberKey);
            if (remote != null) {
                gone.add(remote);
            }
        }
        return gone;
    }

    /** Everyone elsewhere as said anew: who is no longer (first) and who is new (second). */
    Change replace(List<ClusterLink.Person> now) {
        Map<String, List<ClusterLink.Person>> byKey = new LinkedHashMap<>();
        for (ClusterLink.Person person : now) {
            byKey.computeIfAbsent(person.memberKey(), any -> new ArrayList<>()).add(person);
        }
        List<Remote> gone = new ArrayList<>();
        for (String memberKey : List.copyOf(nodesOf.keySet())) {
            if (!byKey.containsKey(memberKey)) {
                nodesOf.remove(memberKey);
                gone.add(remove(memberKey));
            }
        }
        List<ClusterLink.Person> arrived = new ArrayList<>();
        byKey.forEach((memberKey, onNodes) -> {
            boolean known = nodesOf.containsKey(memberKey);
            Set<String> nodes = new HashSet<>();
            onNodes.forEach(person -> nodes.add(person.node()));
            nodesOf.put(memberKey, nodes);
            ClusterLink.Person newest = onNodes.getLast();
            put(new Remote(memberKey, newest.name(), newest.guest(), newest.since()));
            if (!known) {
                arrived.add(newest);
            }
        });
        return new Change(gone, arrived);
    }

    /** What {@link #replace} changed. */
    record Change(List<Remote> gone, List<ClusterLink.Person> arrived) {
    }

    /** The person online elsewhere under that key, or null. */
    Remote get(String memberKey) {
        return people.get(memberKey);
    }

    /** How many people are online elsewhere and not among {@code here} (member keys online on this node). */
    int countNotIn(Set<String> here) {
        int count = 0;
        for (String memberKey : people.keySet()) {
            if (!here.contains(memberKey)) {
                count++;
            }
        }
        return count;
    }
}
