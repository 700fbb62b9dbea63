"""Progress reporting: library code reports work done through a callback and never prints."""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[str, int, int], None]
"""``progress(stage, done, total)``: called as work advances; the CLI draws bars from it."""


def stage_counter(progress: Progress | None, stage: str, total: int) -> Callable[[int], None]:
    """A callback that adds up items done in ``stage`` and reports them to ``progress``."""
    done = 0

    def advance(count: int) -> None:
        nonlocal done
        done += count
        if progress:
            progress(stage, done, total)

    return advance
