package chatroom.api.message;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MembersTest {
    @Test
    void keepsItsOwnCopyOfTheList() {
        List<Member> online = new ArrayList<>(List.of(new Member("alice", 1)));
        Members members = new Members(online);

        online.add(new Member("bob", 2));

        assertEquals(List.of(new Member("alice", 1)), members.users());
        assertThrows(UnsupportedOperationException.class, () -> members.users().add(new Member("eve", 3)));
    }

    @Test
    void refusesAMissingListOrAMissingMember() {
        assertEquals("missing field 'users'",
                assertThrows(IllegalArgumentException.class, () -> new Members(null)).getMessage());
        assertEquals("null in field 'users'", assertThrows(IllegalArgumentException.class,
                () -> new Members(Arrays.asList(new Member("alice", 1), null))).getMessage());
        assertEquals("missing field 'name'",
                assertThrows(IllegalArgumentException.class, () -> new Member(null, 1)).getMessage());
    }
}
