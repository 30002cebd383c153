-- golang-migrate replaces its single row: first empty the table.
TRUNCATE {{table}}
