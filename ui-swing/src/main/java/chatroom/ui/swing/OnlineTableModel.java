package chatroom.ui.swing;

import chatroom.api.spi.OnlineUser;

import javax.swing.table.AbstractTableModel;
import java.util.ArrayList;
import java.util.List;

/** The console's table of people online: name, account, address and since when. */
final class OnlineTableModel extends AbstractTableModel {
    private static final long serialVersionUID = 1L;
    private static final String[] COLUMNS = {"Name", "Account", "Address", "Since"};

    private final transient Timestamps times;
    private transient List<OnlineUser> users = List.of();

    OnlineTableModel(Timestamps times) {
        this.times = times;
    }

    /** Replaces the rows; does nothing when nothing changed, so a selection survives the refresh. */
    void update(List<OnlineUser> online) {
        if (online.equals(users)) {
            return;
        }
        users = new ArrayList<>(online);
        fireTableDataChanged();
    }

    /** The name in {@code row}. */
    String nameAt(int row) {
        return users.get(row).name();
    }

    /** The row showing {@code name}, or -1. */
    int rowOf(String name) {
        for (int row = 0; row < users.size(); row++) {
            if (users.get(row).name().equals(name)) {
                return row;
            }
        }
        return -1;
    }

    @Override
    public int getRowCount() {
        return users.size();
    }

    @Override
    public int getColumnCount() {
        return COLUMNS.length;
    }

    @Override
    public String getColumnName(int column) {
        return COLUMNS[column];
    }

    @Override
    public Object getValueAt(int row, int column) {
        OnlineUser user = users.get(row);
        return switch (column) {
            case 0 -> user.name();
            case 1 -> user.account();
            case 2 -> user.address();
            default -> times.format(user.since().toEpochMilli());
        };
    }
}
