"""Build one report in a child process, for the app's 报表 page.

    python -m desktop.reports.child REQUEST.json

Why a process: building with reportlab in a QThread of the PySide6 process aborted the
interpreter ("Fatal Python error: none_dealloc") in about one run in ten, and a process can
be cancelled at any moment by ending it. The child only reads: it opens the database through
the one door as a read-only snapshot (query_only, never upgraded) and takes no lock, so it
works while the app holds the file.

REQUEST.json: {"db", "kind", "date_from", "date_to", "member_id", "reveal",
"include_departed", "output", "result"}. Progress goes to stdout as JSON lines
({"fonts": n} while n fonts are still to be prepared, then {"pages": n}); the outcome is
written to the "result" file, so it arrives even where a child has no usable stdout
(pythonw on Windows).
"""
from __future__ import annotations

import datetime as dt
import json
import logging
import sys
import traceback
from pathlib import Path

log = logging.getLogger(__name__)


def _say(**event) -> None:
    if sys.stdout is not None:
        try:
            print(json.dumps(event), flush=True)
        except OSError:
            pass


def _write_outcome(path: Path, outcome: dict) -> None:
    temp = path.with_suffix(".tmp")
    temp.write_text(json.dumps(outcome, ensure_ascii=False), encoding="utf-8")
    temp.replace(path)


def build(request: dict) -> dict:
    """The outcome of one build as a JSON-able dict: ok + figures, or ok=False + message."""
    from ..models import close
    from ..safety.opening import Mode, SnapshotOutOfDate, open_database
    from . import document
    from .font_choice import font_set
    from .fonts import FontUnavailable
    from .kinds import Choices, kind
    from .limits import PeriodError, check_period

    report = kind(request["kind"])
    db_path = Path(request["db"])
    if not db_path.is_file():
        return {"ok": False, "message": f"找不到数据库文件：{db_path}"}
    if report.period != "none":
        try:
            check_period(dt.date.fromisoformat(request["date_from"]), dt.date.fromisoformat(request["date_to"]))
        except PeriodError as exc:
            return {"ok": False, "message": str(exc)}
    try:  # a report never writes, nor makes files beside the database
        open_database(db_path, Mode.SNAPSHOT)
    except SnapshotOutOfDate:
        return {"ok": False, "message": "数据库的数据结构与本程序不一致，请重新启动支部工作台后再生成报表。"}
    try:
        choices = Choices(
            dt.date.fromisoformat(request["date_from"]), dt.date.fromisoformat(request["date_to"]),
            request.get("member_id"), bool(request.get("reveal")), bool(request.get("include_departed")),
            fonts=font_set(),
        )
        from .fontconvert import truetype_for
        from .fontprep import pending_conversions

        # Fonts still to convert (first use only) are converted here, one by one, before the
        # first page: the page says so and counts down ({"fonts": n left}) instead of going quiet.
        preparing = pending_conversions()
        for left in range(len(preparing), 0, -1):
            _say(fonts=left)
            truetype_for(*preparing[-left])
        if preparing:
            _say(fonts=0)
        document.page_listener = lambda n: _say(pages=n)
        try:
            result = report.build(choices, Path(request["output"]))
        except (ImportError, AttributeError):
            log.warning("report %s not available", report.key, exc_info=True)
            return {"ok": False, "message": f"“{report.title}”暂不可用：该报表功能未能加载。"}
        except (FontUnavailable, document.ReportWriteError) as exc:
            return {"ok": False, "message": str(exc)}
        except OSError as exc:  # a full disk for the temporary file: said in Chinese, not the OS's English
            from ..safety.errors import user_message

            return {"ok": False, "message": f"生成“{report.title}”失败。" + user_message(
                exc, fallback="无法写出报表文件，请检查磁盘空间后再试。")}
    finally:
        close()
    return {"ok": True, "pages": result.page_count, "seconds": result.seconds,
            "warnings": list(result.warnings), "empty_sections": list(result.empty_sections),
            "missing_message": result.missing_message}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    request = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    result_path = Path(request["result"])
    try:
        outcome = build(request)
    except Exception as exc:  # noqa: BLE001 - the page shows it; the traceback goes to stderr
        traceback.print_exc()
        outcome = {"ok": False, "message": f"生成报表失败：{exc}"}
    _write_outcome(result_path, outcome)
    return 0 if outcome["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
