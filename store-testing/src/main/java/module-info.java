/**
 * For tests only, never shipped: the storage contract every store provider is held to
 * ({@link chatroom.store.testing.StoreContract}), and a throwaway PostgreSQL cluster to hold a provider to it
 * ({@link chatroom.store.testing.LocalPostgres}). It needs no JUnit: each provider's tests run the contract.
 */
module chatroom.store.testing {
    requires transitive chatroom.server;

    exports chatroom.store.testing;

    // The SQLite contract test finds the server's own provider as the server does.
    uses chatroom.server.store.StoreProvider;
}
