"""Print the README's configuration table from ``graph_api.settings.Settings``.

    .venv/bin/python scripts/settings_table.py           # print the table
    .venv/bin/python scripts/settings_table.py --write   # replace it in README.md

The README keeps the table between ``<!-- settings:start -->`` and ``<!-- settings:end -->``;
tests/unit/test_readme.py fails when the two drift apart.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import BaseModel, SecretStr
from pydantic.fields import FieldInfo

REPO = Path(__file__).resolve().parents[1]
START = "<!-- settings:start -->"
END = "<!-- settings:end -->"


def _default(field: FieldInfo) -> str:
    value: Any = field.get_default(call_default_factory=True)
    if isinstance(value, SecretStr):
        value = value.get_secret_value()
    if value is None or value == "":
        return "(empty)"
    if isinstance(value, Path):
        value = str(value).replace(str(Path.home()), "~")
    return f"`{value}`"


def rows() -> list[tuple[str, str, str]]:
    """(variable, default, description) for every setting, in declaration order."""
    from graph_api.settings import Settings

    table: list[tuple[str, str, str]] = []
    for name, field in Settings.model_fields.items():
        annotation = field.annotation
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            for sub, subfield in annotation.model_fields.items():
                table.append(
                    (f"{name}_{sub}".upper(), _default(subfield), subfield.description or "")
                )
        else:
            table.append((name.upper(), _default(field), field.description or ""))
    return table


def markdown() -> str:
    lines = ["| variable | default | meaning |", "|---|---|---|"]
    for variable, default, description in rows():
        lines.append(f"| `{variable}` | {default} | {description.replace('|', '/')} |")
    return "\n".join(lines)


def replace_in(text: str) -> str:
    head, rest = text.split(START, 1)
    _, tail = rest.split(END, 1)
    return f"{head}{START}\n{markdown()}\n{END}{tail}"


def main() -> None:
    if "--write" in sys.argv[1:]:
        readme = REPO / "README.md"
        readme.write_text(replace_in(readme.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(markdown())


if __name__ == "__main__":
    sys.path.insert(0, str(REPO))
    main()
