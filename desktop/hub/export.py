"""Export the open branch database as a data package (上报数据包): `branch-desk package export`
and 报表 → 上报数据包….

One snapshot: every table is read inside one SQLite read transaction of the bound database
(WAL gives it a fixed view while the app goes on writing), and the package's sequence number
is stored in the same transaction at its end. If someone wrote in between, SQLite refuses
that last step (the snapshot is stale) and the whole read is taken again, so a package with
a higher number never holds older records than one with a lower number.

This is a reading command in every other way: it takes no lock and writes nothing but the
counter (`setting` key "package.sequence") and, on the first export, the branch's signing
key beside the database (keys.py). The format of the file itself is package.py's.

What goes in: every table of records except drafts, local settings and the search index;
with a period (--from/--to) the dated records (meetings and everything in them, rota,
handovers, leave, diaries, report notes, removals) are those of the period and the roster
and set-up (members, teams, posts, shifts, meeting types, tags) are always whole. A row
that refers to a record outside the period keeps that record's id.
"""
from __future__ import annotations

import datetime as dt
import re
import time
from dataclasses import dataclass, field
from pathlib import Path

from peewee import OperationalError

from ..models import db
from .keys import KeyFileError, ensure_branch_key, load_receiving_key, parse_receiving_key
from .package import PackageError, package_bytes, write_atomically

SEQUENCE_KEY = "package.sequence"
HUB_KEY = "package.hub_receiving_key"  # the 接收密钥 the hub gave this branch, kept by the app
SUFFIX = ".bdpkg"
NOT_EXPORTED = ("draft", "setting")  # typing in progress; this computer's settings (and the counter)
NOT_EXPORTED_PREFIXES = ("sqlite_", "diary_fts")  # SQLite's own; the search index, rebuilt from the diaries
_RETRIES = 8

# The dated records: the SQL condition that puts a row inside [:start, :end].
_MEETINGS = "SELECT id FROM meeting WHERE date BETWEEN :start AND :end"
_ENTRIES = "SELECT id FROM diary_entry WHERE date BETWEEN :start AND :end"
PERIOD_FILTERS = {
    "meeting": "date BETWEEN :start AND :end",
    "meeting_attendance": f"meeting_id IN ({_MEETINGS})",
    "meeting_note": f"meeting_id IN ({_MEETINGS})",
    "meeting_topic": f"meeting_id IN ({_MEETINGS})",
    "meeting_decision": f"meeting_id IN ({_MEETINGS})",
    "meeting_revision": f"meeting_id IN ({_MEETINGS})",
    "action_item": f"meeting_id IN ({_MEETINGS})",
    "action_item_carry": f"meeting_id IN ({_MEETINGS}) AND item_id IN "
                         f"(SELECT id FROM action_item WHERE meeting_id IN ({_MEETINGS}))",
    "duty_assignment": "date BETWEEN :start AND :end",
    "handover": "date BETWEEN :start AND :end",
    "handover_person": "handover_id IN (SELECT id FROM handover WHERE date BETWEEN :start AND :end)",
    "unavailability": "start_date <= :end AND end_date >= :start",
    "diary_entry": "date BETWEEN :start AND :end",
    "diary_entry_tag": f"entry_id IN ({_ENTRIES})",
    "diary_figure": f"entry_id IN ({_ENTRIES})",
    "diary_photo": f"entry_id IN ({_ENTRIES})",
    "report_note": "period_from <= :end AND period_to >= :start",
    "removed_record": "substr(removed_at, 1, 10) BETWEEN :start AND :end",
}


def is_personal_column(column: str) -> bool:
    """ID numbers and every phone column, whatever table holds them."""
    return column == "id_number" or "phone" in column


@dataclass
class ExportResult:
    path: Path
    manifest: dict
    key_created: bool
    bytes_written: int
    missing_photos: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """What was written, in Chinese: the CLI prints it, the 报表 page shows it."""
        m = self.manifest
        period = (f"{m['period_from'] or '最早'} 至 {m['period_to'] or '最新'}"
                  if m["period_from"] or m["period_to"] else "全部记录")
        counts = m["counts"]
        lines = [
            f"已导出上报数据包：{self.path}（{self.bytes_written / 1024:,.0f} KB）",
            f"支部：{m['branch_name'] or '（未填写支部名称）'}，数据包序号 {m['sequence']}，期间：{period}",
            f"内容：成员 {counts.get('member', 0)} 人，会议 {counts.get('meeting', 0)} 次，"
            f"排班 {counts.get('duty_assignment', 0)} 人次，交接班记录 {counts.get('handover', 0)} 份，"
            f"包保日记 {counts.get('diary_entry', 0)} 篇，报表文字 {counts.get('report_note', 0)} 段",
        ]
        if m["personal"] == "sealed":
            lines.append(f"身份证号和手机号已加密，只有接收密钥对应的汇总台能读取（{m['sealed_fields']} 项）。")
        else:
            lines.append(f"未选择汇总台接收密钥：身份证号和手机号没有放入数据包（{m['sealed_fields']} 项留空）。")
        if m["photos"]:
            lines.append(f"含照片 {counts.get('photo_files', 0)} 张。")
        else:
            lines.append("不含照片。")
        if self.missing_photos:
            lines.append(f"注意：{len(self.missing_photos)} 张照片的文件找不到，未放入数据包："
                         + "、".join(self.missing_photos[:5]) + ("等" if len(self.missing_photos) > 5 else ""))
        if self.key_created:
            lines.append("首次导出：已在数据库旁生成支部签名密钥（.branch-key），请随数据库一起备份，换密钥后汇总台会拒收。")
        return lines


def _tables(database) -> list[str]:
    names = [row[0] for row in database.execute_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").fetchall()]
    return [name for name in names
            if name not in NOT_EXPORTED and not name.startswith(NOT_EXPORTED_PREFIXES)]


def _where(table: str, period: dict | None) -> tuple[str, dict]:
    if period is not None and table in PERIOD_FILTERS:
        return f" WHERE {PERIOD_FILTERS[table]}", period
    return "", {}


def _rows(database, table: str, period: dict | None) -> dict:
    """{"columns": [...], "rows": [tuple, ...]}: the file's layout, and light on memory."""
    where, params = _where(table, period)
    cursor = database.cursor()
    cursor.execute(f'SELECT * FROM "{table}"{where} ORDER BY rowid', params)
    return {"columns": [d[0] for d in cursor.description], "rows": cursor.fetchall()}


def _roster_secrets(tables: dict[str, dict]) -> list[str]:
    member = tables.get("member") or {"columns": [], "rows": []}
    personal = [i for i, column in enumerate(member["columns"]) if is_personal_column(column)]
    found = {str(row[i] or "").strip() for row in member["rows"] for i in personal}
    return sorted((s for s in found if len(s) >= 6), key=len, reverse=True)


def _digit_glob(secrets: list[str]) -> str:
    """A GLOB every text holding one of *secrets* matches: their shortest run of digits."""
    runs = [max((len(run) for run in re.findall(r"\d+", secret)), default=0) for secret in secrets]
    return "*" + "[0-9]" * min(runs, default=0) + "*"


def _suspects(database, tables: dict[str, dict], period: dict | None, secrets: list[str]) -> dict:
    """{table: {id: [column index]}}: text values that may hold a roster phone or ID number.
    SQLite picks out the few with a long enough run of digits; Python checks those."""
    found: dict[str, dict] = {}
    if not secrets:
        return found
    glob = _digit_glob(secrets)
    for table, content in tables.items():
        columns = content["columns"]
        if "id" not in columns:
            continue
        types = {row[1]: (row[2] or "").upper() for row in database.execute_sql(f'PRAGMA table_info("{table}")')}
        where, params = _where(table, period)
        for index, column in enumerate(columns):
            kind = types.get(column, "")
            if column == "id" or is_personal_column(column) or not (
                    kind == "" or any(word in kind for word in ("CHAR", "TEXT", "CLOB"))):
                continue
            sql = (f'SELECT id, "{column}" FROM "{table}"{where}{" AND" if where else " WHERE"} '
                   f'"{column}" GLOB :digits')
            for row_id, value in database.execute_sql(sql, {**params, "digits": glob}).fetchall():
                if isinstance(value, str) and any(secret in value for secret in secrets):
                    found.setdefault(table, {}).setdefault(row_id, []).append(index)
    return found


def _take_personal(tables: dict[str, dict], suspects: dict) -> list:
    """Blank every personal value in *tables*; return them as [[table, id, column, value]].
    Besides the personal columns, any text holding a roster phone or ID number goes too."""
    taken = []
    for table, content in tables.items():
        columns, rows = content["columns"], content["rows"]
        personal = [i for i, column in enumerate(columns) if is_personal_column(column)]
        hits = suspects.get(table, {})
        if not personal and not hits:
            continue
        id_index = columns.index("id") if "id" in columns else None
        for n, row in enumerate(rows):
            key = row[id_index] if id_index is not None else n
            blank = [i for i in personal if row[i] is not None] + hits.get(key, [])
            if blank:
                row = rows[n] = list(row)
                for i in blank:
                    taken.append([table, key, columns[i], row[i]])
                    row[i] = None
    return taken


def dict_rows(content: dict) -> list[dict]:
    columns = content["columns"]
    return [dict(zip(columns, row)) for row in content["rows"]]


def _next_sequence(database) -> int:
    row = database.execute_sql("SELECT value FROM setting WHERE key = ?", (SEQUENCE_KEY,)).fetchone()
    try:
        return int(row[0]) + 1 if row else 1
    except ValueError:
        return 1


def _snapshot(database, period: dict | None) -> tuple[dict[str, dict], dict, int, int]:
    """(tables, suspects, sequence, schema version), read and numbered in one transaction."""
    with database.atomic():  # BEGIN; the first SELECT fixes the snapshot every read below shares
        version = database.execute_sql("PRAGMA user_version").fetchone()[0]
        tables = {name: _rows(database, name, period) for name in _tables(database)}
        suspects = _suspects(database, tables, period, _roster_secrets(tables))
        sequence = _next_sequence(database)
        database.execute_sql(
            "INSERT INTO setting (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (SEQUENCE_KEY, str(sequence)))
    return tables, suspects, sequence, version


def _snapshot_numbered(database, period: dict | None) -> tuple[dict[str, dict], dict, int, int]:
    query_only = database.execute_sql("PRAGMA query_only").fetchone()[0]
    database.execute_sql("PRAGMA query_only = 0")  # a read-only command still counts its packages
    try:
        for attempt in range(_RETRIES):
            try:
                return _snapshot(database, period)
            except OperationalError as exc:
                text = str(exc).lower()
                if "readonly" in text or "read-only" in text:
                    raise PackageError("数据库文件是只读的（例如在只读的U盘上），无法记下数据包序号。"
                                       "请把数据库复制到本机后再导出。") from None
                if "locked" not in text and "busy" not in text:
                    raise
                time.sleep(0.05 * (attempt + 1))  # someone wrote meanwhile: read the new state
        raise PackageError("数据库一直在被写入（例如正在导入或排班），暂时无法取得一致的数据，请稍后再导出。")
    finally:
        database.execute_sql(f"PRAGMA query_only = {int(bool(query_only))}")


def _photo_files(tables: dict[str, dict]) -> tuple[dict[str, bytes], list[str]]:
    from ..diaries.photos import image_for_reading
    from ..diaries.service import DiaryError
    from ..models import DiaryPhoto

    files, missing = {}, []
    for row in dict_rows(tables["diary_photo"]) if "diary_photo" in tables else []:
        photo = DiaryPhoto(**{k: v for k, v in row.items() if k != "entry_id"})
        try:
            path = image_for_reading(photo)
            data = path.read_bytes()
        except (DiaryError, OSError):
            missing.append(row.get("original_name") or row.get("stored_name") or str(row.get("id")))
            continue
        files[f"photos/{row['sha256']}{path.suffix.lower()}"] = data
    return files, missing


def _file_of(name: str) -> Path:
    """The database file, also when it was opened read-only through a file: URI."""
    if name.startswith("file:"):
        from urllib.parse import urlparse
        from urllib.request import url2pathname

        name = url2pathname(urlparse(name).path)
    return Path(name).resolve()


def remembered_hub_key() -> bytes | None:
    """The receiving key chosen once in the app (报表 → 上报数据包), or None."""
    from ..models import Setting

    row = Setting.get_or_none(Setting.key == HUB_KEY)
    return row.value.encode("utf-8") if row and row.value else None


def remember_hub_key(key_file: Path | None) -> None:
    """Keep the content of *key_file* with the branch's records (None forgets it): the key
    is still there when the USB stick it came on is not. PackageError for a wrong file."""
    from ..models import Setting

    if key_file is None:
        Setting.delete().where(Setting.key == HUB_KEY).execute()
        return
    try:
        load_receiving_key(key_file)  # refuse a wrong file before keeping it
    except KeyFileError as exc:
        raise PackageError(str(exc)) from None
    text = Path(key_file).read_text(encoding="utf-8-sig")
    with db.atomic():
        Setting.insert(key=HUB_KEY, value=text).on_conflict(
            conflict_target=[Setting.key], update={Setting.value: text}).execute()


def hub_key_label(key_text: bytes) -> str:
    """A short name a person can compare with the hub's: its fingerprint."""
    from .package import key_fingerprint

    return key_fingerprint(parse_receiving_key(key_text))


def export_package(target: Path, hub_key_file: Path | None = None, date_from: dt.date | None = None,
                   date_to: dt.date | None = None, photos: bool = False,
                   hub_key_text: bytes | None = None) -> ExportResult:
    """Write the bound database's package to *target* (.bdpkg); see the module docstring.
    The hub's receiving key comes from *hub_key_file*, or *hub_key_text* (its content)."""
    target = Path(target)
    if target.suffix.lower() != SUFFIX:
        raise PackageError(f"上报数据包的文件名应以 {SUFFIX} 结尾：{target.name}")
    if date_from and date_to and date_from > date_to:
        raise PackageError("开始日期不能晚于结束日期。")
    database = db.obj
    if database is None or database.database in ("", ":memory:"):
        raise PackageError("没有打开的数据库，无法导出上报数据包。")
    db_path = _file_of(database.database)
    try:
        receiving = (load_receiving_key(hub_key_file) if hub_key_file
                     else parse_receiving_key(hub_key_text) if hub_key_text else None)
        signer, created = ensure_branch_key(db_path)
    except KeyFileError as exc:
        raise PackageError(str(exc)) from None
    except OSError:
        raise PackageError(f"无法在数据库旁生成支部签名密钥（文件夹不可写）：{db_path.parent}") from None
    period = None
    if date_from or date_to:
        period = {"start": (date_from or dt.date.min).isoformat(), "end": (date_to or dt.date.max).isoformat()}
    tables, suspects, sequence, version = _snapshot_numbered(database, period)
    sealed = _take_personal(tables, suspects)
    files, missing = _photo_files(tables) if photos else ({}, [])
    branch = next(iter(dict_rows(tables["branch"])), {}) if "branch" in tables else {}
    counts = {name: len(content["rows"]) for name, content in tables.items()}
    if photos:
        counts["photo_files"] = len(files)
    manifest = {
        "schema_version": version,
        "branch_uid": branch.get("uid") or "",
        "branch_name": branch.get("name") or "",
        "sequence": sequence,
        "period_from": date_from.isoformat() if date_from else None,
        "period_to": date_to.isoformat() if date_to else None,
        "created_at": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "counts": counts,
        "sealed_fields": sum(1 for item in sealed if item[3] not in (None, "")),
    }
    data = package_bytes(manifest, tables, signer, sealed_fields=sealed if receiving else None,
                         receiving=receiving, photos=files)
    try:
        write_atomically(target, data)
    except OSError as exc:  # a full USB stick, a folder that is gone: named as the target, not its .part
        from ..safety.errors import fault_message

        exc.filename = str(target)
        raise PackageError(fault_message(exc, target) or f"无法写入数据包：{target}（{exc.strerror or exc}）") from None
    from .package import read_manifest

    written = read_manifest(target)  # read back and checked: what we report is what the file says
    return ExportResult(target, written, created, len(data), missing)
