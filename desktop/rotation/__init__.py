"""Duty rotation: the automatic fair rota (CP-SAT), conflicts, handovers, statistics. Qt-free."""
