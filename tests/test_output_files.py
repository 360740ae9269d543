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
