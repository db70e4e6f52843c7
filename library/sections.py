"""Sections a later app adds to a North Star's exports, and takes back on import.

library comes before the apps that hang more on a North Star (measures' numbers), so it
cannot import them. Such an app registers an `ExportSection` from its `AppConfig.ready()`:
the JSON export then carries its part under `north_star.<key>`, the Markdown one-pager its
text before the footer, and an import hands the part back to it, checked before anything
is written. An export without the key imports as before.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from metrics.models import NorthStar


@dataclass(frozen=True)
class ExportSection:
    key: str
    # The section's part of the JSON export: plain JSON values only.
    export: Callable[[NorthStar], Any]
    # Raises library.exports.ImportProblem, with a reason, for a part it could not restore.
    # Gets the part and the whole "north_star" body (versions, bets) to check it against.
    validate: Callable[[Any, dict], None]
    # Recreates the part on the newly imported North Star, inside the import's transaction.
    restore: Callable[[NorthStar, Any, Any], None]
    # Markdown for the one-pager ("" for none), already escaped as Markdown.
    markdown: Callable[[NorthStar], str]


_sections: dict[str, ExportSection] = {}


def add_section(section: ExportSection) -> None:
    _sections[section.key] = section


def export_sections() -> list[ExportSection]:
    return list(_sections.values())
