package chatroom.store.postgres;

import chatroom.store.testing.LocalPostgres;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** The throwaway PostgreSQL for these tests: skips a test where there is none, and fails it under {@code CI=true}. */
final class TestPostgres {
    private TestPostgres() {
    }

    static LocalPostgres get() {
        return LocalPostgres.shared().orElseGet(() -> {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                Assertions.fail(LocalPostgres.unavailableReason() + ". CI=true: the PostgreSQL tests must run.");
            }
            Assumptions.abort(LocalPostgres.unavailableReason() + " to run this test.");
            return null;
        });
    }
}
