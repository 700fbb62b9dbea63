"""Atomic output: a failed write leaves the previous file whole and no stray temporary file."""

from __future__ import annotations

import os
import stat

import pytest

from core.io import write_atomic
from summarize import OutputError


def test_write_replaces_the_whole_file(tmp_path):
    target = tmp_path / "sub" / "brief.md"
    write_atomic(target, "première version\n")
    write_atomic(target, "seconde version\n")
    assert target.read_text(encoding="utf-8") == "seconde version\n"
    assert [p.name for p in target.parent.iterdir()] == ["brief.md"]


def test_a_failed_write_keeps_the_previous_file(tmp_path):
    target = tmp_path / "brief.md"
    write_atomic(target, "ancienne version\n")
    with pytest.raises(UnicodeEncodeError):
        write_atomic(target, "moitié écrite \udcff impossible à encoder")
    assert target.read_text(encoding="utf-8") == "ancienne version\n"
    assert [p.name for p in tmp_path.iterdir()] == ["brief.md"]


def test_an_unwritable_destination_is_an_output_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="cannot write"):
        write_atomic(blocker / "brief.md", "texte")


@pytest.mark.parametrize(("umask", "expected"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_outputs_get_the_mode_a_new_file_gets_under_the_umask(tmp_path, umask, expected):
    """A web server (another user) must be able to read what brief writes under the usual umask 022."""
    plain = tmp_path / "plain.txt"
    previous = os.umask(umask)
    try:
        plain.write_text("as open() creates it")
        write_atomic(tmp_path / "new.html", "<p>new</p>")
        write_atomic(tmp_path / "replaced.html", "<p>old</p>")
        write_atomic(tmp_path / "replaced.html", "<p>new</p>")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(plain.stat().st_mode) == expected
    for name in ("new.html", "replaced.html"):
        assert stat.S_IMODE((tmp_path / name).stat().st_mode) == expected, name
