package chatroom.server.privates;

import chatroom.server.ServerConfig;
import chatroom.server.accounts.Accounts;
import chatroom.server.store.PrivateRow;
import chatroom.server.store.PrivateStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** The rooms thread's view of private conversations, on a mocked store: ids, the bound, what waits. */
class PrivateConversationsTest {
    private final PrivateStore store = mock(PrivateStore.class);
    private final Accounts accounts = mock(Accounts.class);
    private final PrivateConversations conversations = new PrivateConversations(store, accounts,
            new ServerConfig.Privates(3, Duration.ofDays(30)));

    @Test
    void idsContinueFromTheStoreAndAreReadOncePerConversation() throws Exception {
        when(store.lastId("alice/bob")).thenReturn(41L);

        PrivateRow first = conversations.message("bob", "alice", "Bob", "Alice", "hi", 1000, false);
        PrivateRow second = conversations.message("alice", "bob", "Alice", "Bob", "hello", 1001, false);

        assertEquals(new PrivateRow("alice/bob", 42, 1000, "bob", "alice", "Bob", "Alice", "hi", false), first);
        assertEquals(43, second.id());
        verify(store, times(1)).lastId("alice/bob");
        assertFalse(conversations.queuedWhileRunning("alice"), "delivered live, nothing waits");
    }

    @Test
    void theQueueOfAnOfflineAccountCountsFromTheStoreAndEmptiesWhenDelivered() throws Exception {
        when(store.pendingCount("bob")).thenReturn(2L);

        assertEquals(Optional.empty(), conversations.full("bob", "Bob"));
        PrivateRow queued = conversations.message("alice", "bob", "Alice", "Bob", "third", 1000, true);
        assertEquals(Optional.of("Bob has 3 messages waiting already; write again once they have read them."),
                conversations.full("bob", "Bob"));
        assertTrue(conversations.queuedWhileRunning("bob"));

        conversations.delivered("bob", List.of(queued));
        verify(store).delivered(List.of(queued));
        assertFalse(conversations.queuedWhileRunning("bob"));
        when(store.pendingCount("bob")).thenReturn(0L);
        assertEquals(Optional.empty(), conversations.full("bob", "Bob"), "counted afresh after the delivery");
        conversations.delivered("carol", List.of());
        verify(store, never()).delivered(List.of());
    }

    @Test
    void aFullQueueIsCountedAgainOnceRetentionOrTheOperatorDeletedWaitingMessages() throws Exception {
        when(store.pendingCount("bob")).thenReturn(3L, 0L);

        assertTrue(conversations.full("bob", "Bob").isPresent());
        assertTrue(conversations.full("bob", "Bob").isPresent(), "counted in memory");
        conversations.forgetCounts();
        assertEquals(Optional.empty(), conversations.full("bob", "Bob"), "the messages expired meanwhile");
        verify(store, times(2)).pendingCount("bob");
    }
}
