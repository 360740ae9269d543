"""One thin QAbstractTableModel per table (added with the pages that show tables)."""
