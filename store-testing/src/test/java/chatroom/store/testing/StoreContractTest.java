package chatroom.store.testing;

import chatroom.server.store.Store;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;

/** The contract itself: its checks fail when a store misbehaves, so a provider that passes them is held to them. */
class StoreContractTest {
    @Test
    void aStoreThatForgetsWhatItWasToldFailsTheChecks() {
        List<String> failed = StoreContract.checks().stream().filter(check -> {
            try {
                check.runOn(new Forgetful());
                return false;
            } catch (Throwable e) {
                return true;
            }
        }).map(StoreContract.Check::name).toList();

        assertEquals(StoreContract.checks().size(), failed.size(), "checks that passed on a broken store: "
                + StoreContract.checks().stream().map(StoreContract.Check::name).filter(n -> !failed.contains(n))
                .toList());
    }

    @Test
    void assertionsSayWhatWasExpected() {
        AssertionError error = assertThrows(AssertionError.class,
                () -> ContractAssertions.assertEquals(List.of(1), List.of(2), "ids"));
        assertEquals("ids ==> expected: <[1]> but was: <[2]>", error.getMessage());
        assertTrue(assertThrows(AssertionError.class, () -> ContractAssertions.assertTrue(false, "on"))
                .getMessage().equals("on"));
    }

    /** A store that takes every call and keeps nothing: each part answers false, 0 or empty. */
    private static final class Forgetful implements StoreContract.Stores {
        @Override
        public Store openEmpty() {
            return mock(Store.class, RETURNS_DEEP_STUBS);
        }

        @Override
        public Store reopen() {
            return openEmpty();
        }
    }
}
