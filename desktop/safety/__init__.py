"""Never lose a record: backups, restore, integrity checks, one writer, drafts. Qt-free."""
