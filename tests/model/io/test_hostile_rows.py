"""Hostile rows, found by the adversarial run on issue 16's fixes: each is its line's sentence
(FILE:LINE: reason), never a crash, never a silent change, and nothing is imported."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from app.model import people
from app.model.io.csv_reader import ImportRejectedError
from app.model.io.leads import import_leads
from app.model.io.time import import_time
from app.model.store.db import Store
from app.model.store.entities import Lead, TimeEntry

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def locale_without_a_decimal_mark(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("LC_ALL", "LC_NUMERIC", "LANG"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def ann(store: Store) -> int:
    with store.writer() as session:
        return people.add_person(session, "Ann").id


def write(tmp_path: Path, data: str | bytes, name: str = "file.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def run(store: Store, importer: Callable[..., Any], path: Path, **kwargs: Any) -> Any:
    with store.writer() as session:
        return importer(session, path, now=NOW, **kwargs)


def refused(store: Store, importer: Callable[..., Any], path: Path, **kwargs: Any) -> list[str]:
    with pytest.raises(ImportRejectedError) as caught:
        run(store, importer, path, **kwargs)
    return [p.format(path) for p in caught.value.problems]


def count(store: Store, model: type) -> int:  # type: ignore[type-arg]
    with store.session() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


# 3. A quote never closed in a notes column ------------------------------------------------


def test_a_quote_closed_by_the_next_rows_quote_is_its_lines_problem(
    store: Store, tmp_path: Path
) -> None:
    """Bob's row was read into Anna's notes; 'imported 2 new leads'."""
    path = write(
        tmp_path,
        'name,email,notes\nAnna,anna@x.com,"call back, maybe\nBob,bob@x.com,"likes tea"\n'
        "Carl,carl@x.com,ok\n",
    )
    assert refused(store, import_leads, path) == [
        f'{path}:2: a quote (") on this line is not closed where it should be: the field it '
        "opens runs to line 3, where a quote is followed by other text; a quote inside "
        'a quoted field is written twice ("")'
    ]
    assert count(store, Lead) == 0


def test_the_same_with_the_notes_before_the_email(store: Store, tmp_path: Path) -> None:
    """Anna got Bob's email."""
    path = write(
        tmp_path,
        'name,notes,email\nAnna,"call back, maybe\nBob,"likes tea",bob@x.com\nCarl,ok,carl@x.com\n',
    )
    problems = refused(store, import_leads, path, skip_invalid=True)
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:2"]
    assert count(store, Lead) == 0


def test_a_quote_followed_by_text_on_its_own_line_is_that_lines_problem(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, 'name,email\n"Anna" Berg,anna@x.com\nBob,bob@x.com\n')
    assert refused(store, import_leads, path) == [
        f'{path}:2: a quote (") on this line is followed by other text; a quote inside a '
        'quoted field is written twice (""), and a field with a quote in it is quoted whole'
    ]


def test_the_time_imports_note_is_read_the_same_way(store: Store, ann: int, tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "side,start,minutes,note\n"
        'sales,2026-11-02 09:00,30,"call back, maybe\n'
        'sales,2026-11-02 10:00,30,"likes tea"\n'
        "sales,2026-11-02 11:00,30,ok\n",
    )
    problems = refused(store, import_time, path)
    assert [p.split(": ", 1)[0] for p in problems] == [f"{path}:2"]
    assert count(store, TimeEntry) == 0


def test_a_quoted_note_that_swallows_a_row_like_its_own_is_refused(
    store: Store, tmp_path: Path
) -> None:
    """Valid CSV by the letter, but a line inside the note is a row of the file, with an email
    where the row's email is: a quote not closed on line 2, closed by a stray one on line 3."""
    path = write(
        tmp_path,
        'name,email,notes\nAnna,anna@x.com,"call back, maybe\nBob,bob@x.com,likes tea"\n'
        "Carl,carl@x.com,ok\n",
    )
    assert refused(store, import_leads, path) == [
        f'{path}:2: a quote (") on this line is probably not closed: line 3, inside the notes '
        "it opens, reads like a row of its own (the same number of fields, an email, date or "
        "number where this row has one); close the quote on this line, or if the notes "
        "really hold that line, write it with fewer commas"
    ]


def test_notes_over_several_lines_with_commas_are_still_welcome(
    store: Store, tmp_path: Path
) -> None:
    path = write(
        tmp_path,
        'name,email,notes\nAnna,anna@x.com,"first, second\nthird, fourth, fifth\nlast"\n'
        "Carl,carl@x.com,ok\n",
    )
    assert run(store, import_leads, path).created == 2


# 11. NUL bytes and control characters -----------------------------------------------------


def test_a_nul_byte_past_the_first_4_kb_is_its_lines_problem(store: Store, tmp_path: Path) -> None:
    """Stored with the NUL inside on SQLite; a DataError on PostgreSQL."""
    rows = "".join(f"Lead {i},lead{i}@x.com\n" for i in range(200))
    path = write(tmp_path, f"name,email\n{rows}Evil\x00Name,evil@x.com\n")
    assert refused(store, import_leads, path, skip_invalid=True) == [
        f"{path}:202: the name has a NUL byte (U+0000) in it; Hearth keeps no control "
        "characters: remove it"
    ]
    assert count(store, Lead) == 0


def test_control_characters_but_nul_are_kept_as_the_window_keeps_them(
    store: Store, ann: int, tmp_path: Path
) -> None:
    """What the window stores (any character but NUL) an export writes and an import reads
    back exactly; hearth-cli shows such characters escaped (app/cli/visible.py)."""
    path = write(
        tmp_path,
        "name,email,notes\n"
        "Evil\x1b]0;pwned\x07,e@x.com,\n"
        'Ok,ok@x.com,"tab\tand\nbreak are text"\n'
        "Bell,b@x.com,a\x9bb\n",
    )
    with store.writer() as session:
        import_leads(session, path, now=NOW)
    with store.session() as session:
        kept = {lead.name: lead.notes for lead in session.scalars(select(Lead))}
    assert kept == {
        "Evil\x1b]0;pwned\x07": "",
        "Ok": "tab\tand\nbreak are text",
        "Bell": "a\x9bb",
    }


# 14. No file, header or line beyond sane limits -------------------------------------------


def test_a_header_of_millions_of_columns_is_refused_at_once(store: Store, tmp_path: Path) -> None:
    path = write(tmp_path, "name," + ",".join(f"c{i}" for i in range(300_000)) + "\nA\n")
    assert refused(store, import_leads, path) == [
        f"{path}:1: this line is longer than 1,000,000 characters; Hearth reads lines of up to "
        "that (is this a CSV file?)"
    ]
    path = write(tmp_path, "name," + ",".join(f"c{i}" for i in range(2000)) + "\nA\n")
    assert refused(store, import_leads, path) == [
        f"{path}:1: the header names 2,001 columns; Hearth reads files of up to 1,000 columns"
    ]


def test_a_line_of_millions_of_characters_is_its_lines_problem(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "name,email\nA,a@x.com\n" + "B," * 600_000 + "\nC,c@x.com\n")
    assert refused(store, import_leads, path) == [
        f"{path}:3: this line is longer than 1,000,000 characters; Hearth reads lines of up to "
        "that (is this a CSV file?)"
    ]
    assert count(store, Lead) == 0


@pytest.mark.parametrize("kind", ["watson", "vcard"])
def test_an_endless_file_is_refused_without_reading_it_all(
    store: Store, ann: int, kind: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """`import watson /dev/zero` read until memory ran out."""
    from app.model.io import csv_reader
    from app.model.io.tools import import_frames
    from app.model.io.vcard import import_vcards

    monkeypatch.setattr(csv_reader, "MAX_WHOLE_FILE_BYTES", 2**20)
    path = Path("/dev/zero")
    if kind == "watson":
        problems = refused(store, import_frames, path, tool="watson")
    else:
        problems = refused(store, import_vcards, path)
    what = "Watson frames" if kind == "watson" else "vCard"
    assert problems == [
        f"{path}:1: the file is larger than 1 MB; Hearth reads {what} files up to 1 MB"
    ]


# 8. A future closed_at ------------------------------------------------------------------


def test_a_lead_closed_in_the_future_is_its_lines_problem(store: Store, tmp_path: Path) -> None:
    """A won move and a deal dated 2027, counted as won in 2027-W09 while open."""
    path = write(
        tmp_path,
        "name,email,status,created_at,closed_at,value\n"
        "A,a@x.com,won,2026-10-10,2027-03-01,100\n"
        "B,b@x.com,lost,2026-10-10,2026-11-20 13:30,\n",
    )
    assert refused(store, import_leads, path) == [
        f"{path}:2: closed_at is in the future",
        f"{path}:3: closed_at is in the future",
    ]
    assert count(store, Lead) == 0


# 15. Other tools' numbers and times in words ------------------------------------------------


def test_a_watson_number_of_thousands_of_digits_is_its_frames_problem(
    store: Store, ann: int, tmp_path: Path
) -> None:
    """'ValueError: Exceeds the limit (4300 digits)' was the crash message."""
    path = tmp_path / "frames"
    path.write_text(
        "[[" + "9" * 5000 + ', 1763460000, "sales", "a", []],\n'
        ' [1763456400, 1763460000, "sales\\u001b[2J", "b", []]]',
        encoding="utf-8",
    )
    from app.model.io.tools import import_frames

    assert refused(store, import_frames, path, tool="watson") == [
        f"{path}:1: frame 1: a number of 5000 digits is not a time (seconds since 1970)",
        f"{path}:2: frame 2: the project has a control character (U+001B) in it; Hearth keeps "
        "no control characters: remove it",
    ]
    json.loads("[]")  # (the file above is JSON, by hand, for its 5000 digits)


def test_a_watson_frame_is_named_with_the_line_it_begins_on(
    store: Store, ann: int, tmp_path: Path
) -> None:
    """Watson writes a frame over several lines; the problems said the frame's number as the
    line ('frames:2:' for a frame on line 9), and JSON that is broken after the list said
    Python's 'Extra data' with its own line."""
    from app.model.io.tools import import_frames

    path = tmp_path / "frames"
    path.write_text(
        '[\n [\n  1763456400,\n  1763460000,\n  "sales",\n  "a",\n  []\n ],\n'
        ' [\n  "noon",\n  1763463600,\n  "sales"\n ],\n [1763463600]\n]\n',
        encoding="utf-8",
    )
    assert refused(store, import_frames, path, tool="watson") == [
        f"{path}:9: frame 2: 'noon' is not a time (seconds since 1970)",
        f"{path}:14: frame 3 is not [start, stop, project, id, tags, …]",
    ]
    for text, line, reason in (
        ('[\n [1, 2, "sales"]\n [3]\n]', 3, "not JSON: Expecting ',' delimiter"),
        ('[\n [1, 2, "sales"]\n]\n]', 4, "not JSON: Extra data"),
        ('{"frames": []}', 1, "a Watson frames file is a JSON list"),
        ("", 1, "not JSON: Expecting value"),
    ):
        path.write_text(text, encoding="utf-8")
        assert refused(store, import_frames, path, tool="watson") == [f"{path}:{line}: {reason}"]


TOGGL_HEAD = "User,Project,Description,Start date,Start time,End date,End time,Duration\n"


@pytest.mark.parametrize(
    ("row", "why"),
    [
        (
            "Ann,sales,x,2026-11-16,09:00:00,,,01:30:00:00",
            "the duration '01:30:00:00' is not hours:minutes:seconds (like 1:30:00)",
        ),
        (
            "Ann,sales,x,2026-11-16,09:00:00,,,1h30",
            "the duration '1h30' is not hours:minutes:seconds (like 1:30:00)",
        ),
        (
            "Ann,sales,x,2026-11-16,13:00:00PM,,,01:00:00",
            "'13:00:00PM' is not a time of day (write 14:30:00, or 02:30:00 PM)",
        ),
        (
            "Ann,sales,x,2026-11-16,9 am,,,01:00:00",
            "'9 am' is not a time of day (write 14:30:00, or 02:30:00 PM)",
        ),
        (
            "Ann,sales,x,2026-11-16,09:00:00,2026-11-16,10:7,",
            "'10:7' is not a time of day (write 14:30:00, or 02:30:00 PM)",
        ),
    ],
)
def test_toggl_and_clockify_times_are_sentences(
    store: Store, ann: int, tmp_path: Path, row: str, why: str
) -> None:
    from app.model.io.tools import import_frames

    path = write(tmp_path, TOGGL_HEAD + row + "\n")
    assert refused(store, import_frames, path, tool="toggl") == [f"{path}:2: {why}"]


def test_toggl_keeps_the_seconds(store: Store, ann: int, tmp_path: Path) -> None:
    from app.model.io.tools import import_frames

    path = write(tmp_path, TOGGL_HEAD + "Ann,sales,x,2026-11-16,09:00:15,,,00:00:30\n")
    run(store, import_frames, path, tool="toggl")
    with store.session() as session:
        entry = session.scalars(select(TimeEntry)).one()
    assert (entry.start.astimezone().time().isoformat(), (entry.end - entry.start).seconds) == (
        "09:00:15",
        30,
    )


# 18. Money to more decimals than kept; UTF-16 and vCard sentences ---------------------------


def test_money_with_more_decimals_than_kept_is_its_lines_problem(
    store: Store, tmp_path: Path
) -> None:
    """0.00004 was stored as 0."""
    path = write(tmp_path, 'name,value\nA,0.00004\nB,12.3456\nC,"1,00001"\n')
    assert refused(store, import_leads, path, decimal=".") == [
        f"{path}:2: '0.00004' has more decimals than Hearth keeps (4); round it",
        f"{path}:4: '1,00001' is written with a decimal comma, but this file is read with a "
        "decimal point (as chosen for this import)",
    ]
    path = write(tmp_path, 'name,value\nA,"1,00001"\nB,"1,23400"\n')
    assert refused(store, import_leads, path, decimal=",") == [
        f"{path}:2: '1,00001' has more decimals than Hearth keeps (4); round it"
    ]


def test_a_bad_utf16_sequence_is_named_on_its_own_line(store: Store, tmp_path: Path) -> None:
    good = "name,email\r\nA,a@x.com\r\nB,b@x.com\r\n".encode("utf-16-le")
    bad = "C,c@x.com".encode("utf-16-le") + b"\x00\xdc" + "\r\n".encode("utf-16-le")
    path = write(tmp_path, b"\xff\xfe" + good + bad)
    assert refused(store, import_leads, path) == [f"{path}:4: this line is not UTF-16 text"]


def test_utf16_without_a_mark_and_without_ascii_letters_is_named_as_such(
    store: Store, tmp_path: Path
) -> None:
    path = write(tmp_path, "имя,почта\nИван,иван\n".encode("utf-16-le"))
    assert refused(store, import_leads, path) == [
        f"{path}:1: this is UTF-16 text without a byte-order mark, so Hearth cannot tell its "
        "byte order; save it as UTF-8 (or as UTF-16 with a byte-order mark)"
    ]
    path = write(tmp_path, b"\x00\x00\x01\x02" * 100)
    assert refused(store, import_leads, path) == [
        f"{path}:1: this is not a text file (it has NUL bytes); save it as CSV first — or, "
        "if it is UTF-16 text without a byte-order mark, as UTF-8"
    ]


def test_a_vcard_never_closed_is_named_with_its_line(store: Store, tmp_path: Path) -> None:
    from app.model.io.vcard import import_vcards

    path = write(
        tmp_path,
        "BEGIN:VCARD\nFN:Anna\nEND:VCARD\n\nBEGIN:VCARD\nFN:Bob\nEMAIL:b@x.com\n",
        name="cards.vcf",
    )
    assert refused(store, import_vcards, path) == [
        f"{path}:5: the card that begins on this line is never closed (no END:VCARD after it)"
    ]
    path = write(
        tmp_path,
        "BEGIN:VCARD\nFN:Anna\nBEGIN:VCARD\nFN:Bob\nNOTE:a\x1bb\nEND:VCARD\n",
        name="cards.vcf",
    )
    assert refused(store, import_vcards, path) == [
        f"{path}:1: the card that begins on this line is never closed (no END:VCARD after it)",
        f"{path}:5: the NOTE has a control character (U+001B) in it; Hearth keeps no control "
        "characters: remove it",
    ]
    assert count(store, Lead) == 0


# 12. Names longer than the database holds --------------------------------------------------


def test_a_cards_company_or_phone_longer_than_kept_is_its_lines_problem(
    store: Store, tmp_path: Path
) -> None:
    """An ORG of 600 characters was stored on SQLite and a DataError on PostgreSQL."""
    from app.model.io.vcard import import_vcards

    path = write(
        tmp_path,
        f"BEGIN:VCARD\nFN:Anna\nORG:{'O' * 501}\nEND:VCARD\n"
        f"BEGIN:VCARD\nFN:Bob\nTEL:{'1' * 101}\nEND:VCARD\n",
        name="cards.vcf",
    )
    assert refused(store, import_vcards, path) == [
        f"{path}:1: A lead's company can be at most 500 characters.",
        f"{path}:5: A lead's phone can be at most 100 characters.",
    ]


def test_names_longer_than_kept_are_their_lines_problem(
    store: Store, ann: int, tmp_path: Path
) -> None:
    """Stored on SQLite, a DataError on PostgreSQL (varchar(200))."""
    long_owner, long_source = "O" * 300, "S" * 201
    path = write(
        tmp_path,
        f"name,owner,source\nA,{long_owner},\nB,,{long_source}\nC,{'o' * 200},{'s' * 200}\n",
    )
    assert refused(store, import_leads, path) == [
        f"{path}:2: a person's name can be at most 200 characters, and 'OOOOOOOOOOOOOOOOOOOO…' "
        "has 300",
        f"{path}:3: a campaign's name can be at most 200 characters, and "
        "'SSSSSSSSSSSSSSSSSSSS…' has 201",
    ]
    path = write(
        tmp_path,
        f"person,side,category,start,minutes\n{'P' * 250},sales,,2026-11-02 09:00,30\n"
        f"Ann,sales,{'c' * 120},2026-11-02 10:00,30\n",
    )
    assert refused(store, import_time, path) == [
        f"{path}:2: a person's name can be at most 200 characters, and "
        "'PPPPPPPPPPPPPPPPPPPP…' has 250",
        f"{path}:3: a category's name can be at most 100 characters, and "
        "'cccccccccccccccccccc…' has 120",
    ]
    assert (count(store, Lead), count(store, TimeEntry)) == (0, 0)


def test_a_movers_and_a_dealers_name_too_long_is_their_lines_problem(
    store: Store, ann: int, tmp_path: Path
) -> None:
    from app.model.io.deals import import_deals
    from app.model.io.moves import import_moves

    path = write(
        tmp_path, "name,email,status,created_at,closed_at,value\nA,a@x.com,won,2026-10-01,,10\n"
    )
    run(store, import_leads, path)
    path = write(
        tmp_path,
        f"lead,change,at,from,to,person\na@x.com,temperature,2026-10-02,cold,warm,{'P' * 201}\n",
    )
    assert refused(store, import_moves, path) == [
        f"{path}:2: a person's name can be at most 200 characters, and "
        "'PPPPPPPPPPPPPPPPPPPP…' has 201"
    ]
    path = write(tmp_path, f"lead,at,value,person\na@x.com,2026-10-03,5,{'P' * 201}\n")
    assert refused(store, import_deals, path) == [
        f"{path}:2: a person's name can be at most 200 characters, and "
        "'PPPPPPPPPPPPPPPPPPPP…' has 201"
    ]


# 13. The mojibake guard: tags, owner, source, campaigns -------------------------------------


def test_an_update_to_the_mojibake_of_a_tag_owner_or_source_is_refused(
    store: Store, tmp_path: Path
) -> None:
    from app.model.io.campaigns import import_campaigns

    path = write(
        tmp_path,
        "name,email,owner,source,tags\nAnna,anna@x.com,Jörg,Messe Köln,Köln;Bäcker\n",
    )
    run(store, import_leads, path)
    path = write(
        tmp_path,
        "name,email,tags\nAnna,anna@x.com,KÃ¶ln\n",
    )
    assert refused(store, import_leads, path) == [
        f"{path}:2: the tag 'KÃ¶ln' would be new, but it is how 'Köln' looks when UTF-8 is "
        "read as Windows-1252; save the file as UTF-8 and import it again"
    ]
    path = write(
        tmp_path,
        "name,email,owner,source\nAnna,anna@x.com,JÃ¶rg,\nBen,,,Messe KÃ¶ln\n",
    )
    assert refused(store, import_leads, path) == [
        f"{path}:2: the person 'JÃ¶rg' would be new, but it is how 'Jörg' looks when UTF-8 "
        "is read as Windows-1252; save the file as UTF-8 and import it again",
        f"{path}:3: the campaign 'Messe KÃ¶ln' would be new, but it is how 'Messe Köln' looks "
        "when UTF-8 is read as Windows-1252; save the file as UTF-8 and import it again",
    ]
    path = write(
        tmp_path,
        "name,notes\nMesse Köln,Stand in Köln für Bäcker\n",
    )
    with store.writer() as session:
        import_campaigns(session, path)
    path = write(tmp_path, "name,notes\nMesse Köln,Stand in KÃ¶ln fÃ¼r BÃ¤cker\nMesse KÃ¶ln,\n")
    with store.writer() as session, pytest.raises(ImportRejectedError) as caught:
        import_campaigns(session, path)
    assert [p.format(path) for p in caught.value.problems] == [
        f"{path}:2: this would change the notes 'Stand in Köln für Bäcker' to "
        "'Stand in KÃ¶ln fÃ¼r BÃ¤cker', which is how 'Stand in Köln für Bäcker' looks when "
        "UTF-8 is read as Windows-1252; save the file as UTF-8 and import it again",
        f"{path}:3: the campaign 'Messe KÃ¶ln' would be new, but it is how 'Messe Köln' looks "
        "when UTF-8 is read as Windows-1252; save the file as UTF-8 and import it again",
    ]
    with store.session() as session:
        from app.model.store.entities import Campaign, Person

        assert sorted(session.scalars(select(Person.name))) == ["Jörg"]
        assert sorted(session.scalars(select(Campaign.name))) == ["Messe Köln"]
