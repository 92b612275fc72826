"""`branch-desk package export`: the data package from the command line (Qt-free; registered
in desktop/cli/hub.py, which opens the database first).

A reading command: it works while the app has the same database open (see export.py for
the one counter it writes)."""
from __future__ import annotations

import argparse
from pathlib import Path


def cmd_export(args: argparse.Namespace) -> int:
    from .export import export_package

    result = export_package(Path(args.output), Path(args.to_hub) if args.to_hub else None,
                            args.date_from, args.date_to, photos=args.photos)
    for line in result.lines():
        print(line)
    return 0
