"""Duty (值班): the automatic fair rota (CP-SAT), conflicts, handovers, statistics. Qt-free."""
