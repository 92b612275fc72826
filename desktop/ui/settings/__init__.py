"""设置: the branch profile, its committee, and the database file."""
