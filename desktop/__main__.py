"""`python -m desktop`: the same entry point as the branch-desk command."""
from desktop.cli import main

raise SystemExit(main())
