"""The Leads page: the table, the board, the detail panel, its dialogs and actions."""
