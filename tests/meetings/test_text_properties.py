"""Whatever is typed or pasted either comes back exactly (after line-end normalisation)
or is refused with a Chinese MeetingError; it never corrupts the record or crashes."""
import datetime as dt
import unicodedata

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from desktop.meetings import service as S
from desktop.models import Meeting, MeetingDecision, MeetingNote

DAY = dt.date(2022, 11, 22)

tricky = st.one_of(
    st.text(max_size=200),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=60),
    st.sampled_from([
        "'; DROP TABLE meeting_note; --", "\" OR 1=1 --", "%_\\", "😷🏥✅👍🏻", "\u3000\u3000首行缩进",
        "a\r\nb\rc", "\x00空字符", "\x1b[31m红字", "\ud800", "x" * 60_000, "一" * 50_000,
        "混合\tTab", "\u202e反向", "\ufeffBOM",
    ]),
)


def expected(text: str) -> str | None:
    """What the record should hold, or None when the text must be refused."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n").strip(" \t\n")
    try:
        normal.encode("utf-8")
    except UnicodeEncodeError:
        return None
    if any(unicodedata.category(c) == "Cc" and c not in "\n\t" for c in normal):
        return None
    if not normal or len(normal) > 50_000:
        return None
    return normal


def _meeting() -> Meeting:
    meeting = Meeting.select().first()
    return meeting or S.start_meeting(on=DAY, now=dt.datetime(2022, 11, 22, 7, 30))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=tricky)
def test_note_and_decision_text_round_trip_or_refused(text):
    meeting = _meeting()
    want = expected(text)
    notes_before = MeetingNote.select().count()
    decisions_before = MeetingDecision.select().count()
    try:
        note = S.add_note(meeting.id, text, speaker_name="发言人")
    except S.MeetingError as refused:
        assert want is None, f"refused acceptable text: {refused}"
        assert MeetingNote.select().count() == notes_before
    else:
        assert want is not None
        assert MeetingNote.get_by_id(note.id).text == want
        decision = S.note_to_decision(note.id)
        assert MeetingDecision.get_by_id(decision.id).text == want
        assert S.snapshot(meeting)["notes"][-1]["text"] == want
        assert S.search_meetings(want[:20])[0].id == meeting.id
    try:
        decision = S.add_decision(meeting.id, text)
    except S.MeetingError:
        assert want is None
    else:
        assert MeetingDecision.get_by_id(decision.id).text == want
    assert MeetingDecision.select().count() >= decisions_before


@settings(max_examples=60, deadline=None)
@given(text=tricky)
def test_pending_line_keeps_exactly_what_was_typed(text):
    meeting = _meeting()
    S.save_pending_line(meeting.id, text)
    assert S.load_pending_line(meeting.id) == (text if text.strip() else "")
