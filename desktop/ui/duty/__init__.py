"""The 值班排班 page: posts and shifts, the rota grid, per-person view, handovers."""
