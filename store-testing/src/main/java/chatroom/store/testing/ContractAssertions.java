package chatroom.store.testing;

import java.util.Objects;

/** The few assertions the store contract makes, failing with an {@link AssertionError} as JUnit's do. */
final class ContractAssertions {
    private ContractAssertions() {
    }

    /** Numbers compare by value, whatever their boxes: {@code assertEquals(3, lastId)} means 3L. */
    static void assertEquals(long expected, long actual) {
        assertEquals((Object) expected, (Object) actual, null);
    }

    static void assertEquals(long expected, long actual, String what) {
        assertEquals((Object) expected, (Object) actual, what);
    }

    static void assertEquals(Object expected, Object actual) {
        assertEquals(expected, actual, null);
    }

    static void assertEquals(Object expected, Object actual, String what) {
        if (!Objects.equals(expected, actual)) {
            throw new AssertionError((what == null ? "" : what + " ==> ") + "expected: <" + expected + "> but was: <"
                    + actual + ">");
        }
    }

    static void assertTrue(boolean condition) {
        assertTrue(condition, null);
    }

    static void assertTrue(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what == null ? "expected: <true> but was: <false>" : what);
        }
    }

    static void assertFalse(boolean condition) {
        assertFalse(condition, null);
    }

    static void assertFalse(boolean condition, String what) {
        assertTrue(!condition, what == null ? "expected: <false> but was: <true>" : what);
    }
}
