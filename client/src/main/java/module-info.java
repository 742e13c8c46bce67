/**
 * The client model: the chat as one user sees it (conversations with their messages, members, unread counts and
 * history paging; the user's own name; the connection and its catch-up), fed by a transport's events and observed
 * by the user interfaces, which never read wire messages themselves.
 */
module chatroom.client {
    requires transitive chatroom.api;

    exports chatroom.client;
}
