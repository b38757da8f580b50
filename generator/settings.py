"""Where things are and how strict to be: one frozen value passed down the pipeline."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    """Paths and flags of one run; every path derives from the project root by default."""

    root: Path
    content: Path = field(default=Path())
    docs: Path = field(default=Path())
    site: Path = field(default=Path())
    config: Path = field(default=Path())
    site_config: Path = field(default=Path())
    strict: bool = False
    today: dt.date = field(default_factory=dt.date.today)  # where this runs

    @property
    def latest_day(self) -> dt.date:
        """Return the last day that is not in the future anywhere on Earth, as far as this
        machine can tell: the day after its own. An editor in Kyiv writes the 2nd an hour
        after midnight while a CI runner on UTC is still on the 1st; the runner must not
        call that entry's date the future."""
        return self.today + dt.timedelta(days=1)

    def __post_init__(self) -> None:
        root = self.root.resolve()
        object.__setattr__(self, "root", root)
        defaults = {
            "content": root / "content",
            "docs": root / "build" / "docs",
            "site": root / "site",
            "config": root / "mkdocs.yml",
            "site_config": root / "site_config",
        }
        for name, default in defaults.items():
            value = getattr(self, name)
            object.__setattr__(self, name, default if value == Path() else value.resolve())
