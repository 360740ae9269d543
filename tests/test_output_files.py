"""Where the command line writes (`export … FILE`, `report -o`, `backup -o`): through a link to
the file it leads to, the link kept; to a pipe or a terminal (`-o /dev/stdout`) as it is.

The pipes here are links to /proc/self/fd/N, which is what /dev/stdout is: the real
/dev/stdout is never given to a test (replaced, it would be gone for the whole machine)."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.cli import main as cli
from app.model.safety.check import check_file
from tests.model.safety.helpers import dump, full_database

OUTPUTS = {
    "export leads": (["export", "leads"], ".csv", b"name,company,email,"),
    "export touchpoints": (["export", "touchpoints"], ".csv", b"lead,kind,side,at,"),
    "export time": (["export", "time"], ".csv", b"person,side,category,"),
    "export campaigns": (["export", "campaigns"], ".csv", b"name,channel,"),
    "report": (["report", "--week", "2026-W47", "-o"], ".pdf", b"%PDF-"),
    "backup": (["backup", "-o"], ".db", b"SQLite format 3\x00"),
}


@pytest.fixture(scope="module")
def shop(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return full_database(tmp_path_factory.mktemp("shop") / "shop.db")


def _write(
    shop: Path, output: str, target: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[str, str]:
    words, _suffix, _start = OUTPUTS[output]
    capsys.readouterr()
    code = cli.main(["--db", str(shop), *words, str(target)])
    out, err = capsys.readouterr()
    assert code == 0, err
    return out, err


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_link_is_followed_to_its_file_and_stays_a_link(
    output: str, shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _words, suffix, start = OUTPUTS[output]
    tmp_path = tmp_path / "out"  # beside the test's home folder
    tmp_path.mkdir()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    real = elsewhere / f"real{suffix}"
    real.write_bytes(b"last week's file")
    link = tmp_path / f"latest{suffix}"
    link.symlink_to(Path("elsewhere") / real.name)
    _write(shop, output, link, capsys)
    assert link.is_symlink() and os.readlink(link) == str(Path("elsewhere") / real.name)
    assert real.read_bytes().startswith(start)
    assert [p.name for p in elsewhere.iterdir()] == [real.name]  # no temporary file left
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["elsewhere", link.name])
    if output == "backup":
        assert dump(real) == dump(shop)


class Pipe:
    """A link like /dev/stdout (to /proc/self/fd/N, a pipe's writing end) and a thread that
    reads everything that comes out of the pipe."""

    def __init__(self, folder: Path) -> None:
        self.read_end, self.write_end = os.pipe()
        self.link = folder / "stdout"
        self.link.symlink_to(f"/proc/self/fd/{self.write_end}")
        self.chunks: list[bytes] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        while chunk := os.read(self.read_end, 65536):
            self.chunks.append(chunk)

    def received(self) -> bytes:
        """Everything written, once the writer has closed its end."""
        if self.write_end >= 0:
            os.close(self.write_end)  # ours: with the writer's closed too, the reader ends
            self.write_end = -1
        self.reader.join(timeout=30)
        assert not self.reader.is_alive()
        return b"".join(self.chunks)

    def close(self) -> None:
        self.received()
        os.close(self.read_end)


@pytest.fixture
def pipe(tmp_path: Path) -> Iterator[Pipe]:
    (tmp_path / "out").mkdir()
    made = Pipe(tmp_path / "out")
    yield made
    made.close()


@pytest.mark.parametrize("output", OUTPUTS)
def test_a_pipe_gets_the_content_and_the_sentence_goes_to_stderr(
    output: str, shop: Path, tmp_path: Path, pipe: Pipe, capsys: pytest.CaptureFixture[str]
) -> None:
    _words, _suffix, start = OUTPUTS[output]
    tmp_path = pipe.link.parent
    out, err = _write(shop, output, pipe.link, capsys)
    assert pipe.link.is_symlink()  # not replaced by a regular file
    assert out == ""  # stdout may be the pipe: nothing but the content goes there
    assert f"to {pipe.link}" in err and err.count("\n") == 1
    content = pipe.received()
    assert content.startswith(start)
    if output == "backup":
        copy = tmp_path / "from-the-pipe.db"
        copy.write_bytes(content)
        assert check_file(copy).ok and dump(copy) == dump(shop)
    if output == "report":
        assert content.rstrip().endswith(b"%%EOF")
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        ["stdout", *(["from-the-pipe.db"] if output == "backup" else [])]
    )


def test_a_link_to_a_device_writes_to_the_device(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    link = tmp_path / "nowhere.csv"
    link.symlink_to("/dev/null")
    out, err = _write(shop, "export leads", link, capsys)
    assert os.readlink(link) == "/dev/null"
    assert [p.name for p in tmp_path.iterdir()] == [link.name]
    assert out == "" and "to " in err


@pytest.mark.parametrize("output", OUTPUTS)
@pytest.mark.parametrize("name", ["/proc/self/fd/{fd}", "/dev/fd/{fd}", "link to /dev/fd"])
def test_a_file_reached_through_an_open_descriptor_is_written_through_it(
    output: str, name: str, shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`hearth-cli export campaigns /dev/stdout >> j.txt` replaced j.txt (renamed over it)
    instead of adding to it; `{ echo header; …; echo footer; } > f` lost the header."""
    _words, _suffix, start = OUTPUTS[output]
    journal = tmp_path / "j.txt"
    journal.write_bytes(b"earlier\n")
    with journal.open("ab") as appending:
        path = name.format(fd=appending.fileno())
        if name.startswith("link"):
            link = tmp_path / "out"
            link.symlink_to(f"/dev/fd/{appending.fileno()}")
            path = str(link)
        out, err = _write(shop, output, Path(path), capsys)
        appending.write(b"\nlater\n")
    content = journal.read_bytes()
    assert content.startswith(b"earlier\n" + start)
    assert content.endswith(b"\nlater\n")
    assert out == "" and f"to {path}" in err  # the sentence is not mixed into the file
    if output == "backup":
        copy = tmp_path / "from-the-journal.db"
        copy.write_bytes(content[len(b"earlier\n") : -len(b"\nlater\n")])
        assert dump(copy) == dump(shop)


def test_a_descriptor_opened_for_writing_is_written_where_it_stands(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "f.csv"
    with target.open("wb") as out:
        out.write(b"header\n")
        out.flush()
        _write(shop, "export campaigns", Path(f"/proc/self/fd/{out.fileno()}"), capsys)
        out.write(b"footer\n")
    text = target.read_bytes()
    assert text.startswith(b"header\nname,channel,") and text.endswith(b"\nfooter\n")


def test_standard_output_redirected_to_a_file_keeps_what_came_before(tmp_path: Path) -> None:
    """The reproduction itself, through a shell."""
    import subprocess
    import sys

    from tests import ROOT

    database = full_database(tmp_path / "shop.db")
    target = tmp_path / "f.csv"
    command = (
        f'{{ echo header; "{sys.executable}" -m app.cli.main --db "{database}" export campaigns '
        f'/dev/stdout; echo footer; }} > "{target}"'
    )
    done = subprocess.run(
        ["sh", "-c", command], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    lines = target.read_text().splitlines()
    assert lines[0] == "header" and lines[1].startswith("name,channel,") and lines[-1] == "footer"


def test_temporary_files_a_killed_export_left_are_cleaned_up_by_the_next(
    shop: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """kill -9 during an export leaves `.campaigns.csv.XXXXXXXX`; nothing ever removed it."""
    import time

    folder = tmp_path / "out"
    folder.mkdir()
    old = time.time() - 2 * 3600
    leftovers = [folder / ".campaigns.csv.k2j4h6g8", folder / ".leads.csv.a1b2c3d4.hearth-tmp"]
    for leftover in leftovers:
        leftover.write_text("half an export")
        os.utime(leftover, (old, old))
    in_progress = folder / ".campaigns.csv.zz99yy88.hearth-tmp"  # another export, writing now
    in_progress.write_text("being written")
    not_ours = folder / ".campaigns.csv.bak"
    not_ours.write_text("the user's")
    os.utime(not_ours, (old, old))
    _write(shop, "export campaigns", folder / "campaigns.csv", capsys)
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        ["campaigns.csv", in_progress.name, not_ours.name]
    )
