"""Meeting records: the daily meeting and 三会一课, Qt-free."""
