"""Stand-ins for desktop.reports.child, run as `python -m tests.ui.reports.stand_in_child REQUEST`.

The request's "kind" picks the behaviour: "slow" reports 3 pages then waits to be cancelled,
"crash" ends without writing a result, "fonts" says 2 fonts are to be prepared, finishes
one, then waits (a slow first-use font preparation).
"""
from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def main() -> int:
    request = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    if request["kind"] == "crash":
        print("stand-in: something broke", file=sys.stderr)
        return 3
    if request["kind"] == "fonts":
        for left in (2, 1):
            print(json.dumps({"fonts": left}), flush=True)
        time.sleep(120)
        return 0
    for page in (1, 2, 3):
        print(json.dumps({"pages": page}), flush=True)
    time.sleep(120)
    return 0


if __name__ == "__main__":
    sys.exit(main())
