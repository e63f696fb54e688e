"""The review outputs of ``loader identity``: text lines and CSV files (no graph needed)."""

from __future__ import annotations

import csv
from pathlib import Path

from loader.identity.checks import IdentityChecks
from loader.identity.model import IdentityLinks
from loader.identity.rosters import RosterComparison
from loader.identity.sources import IdentitySources

LINK_CSV_COLUMNS = (
    "databank_id", "name", "birth_date", "status", "method", "nhl_id", "nhl_name",
    "nhl_birth_date", "note", "candidates",
)  # fmt: skip
ROSTER_CSV_COLUMNS = ("season_start", "team", "databank_id", "nhl_id", "name", "side")


def summary_lines(checks: IdentityChecks) -> list[str]:
    """Linked share per tier and the targets (99 %, no id twice, no twins, crosswalk)."""
    lines = [f"Databank NHL players: {checks.players:,}"]
    for method, count in checks.by_method.items():
        lines.append(f"  {method:<22} {count:>6,}  {_share(count, checks.players)}")
    lines.append(f"  {'linked':<22} {checks.linked:>6,}  {_share(checks.linked, checks.players)}")
    lines.append(f"  {'unlinked':<22} {checks.unlinked:>6,}")
    lines.append(f"linked, with another birth date at the NHL: {checks.birth_dates_differ:,}")
    lines.append(f"NHL ids used twice: {len(checks.ids_used_twice)}")
    lines.append(f"people present twice (name + birth date, career): {len(checks.twins)}")
    for twin in checks.twins:
        lines.append(f"  {twin.databank_id} / NHL {twin.nhl_id}: {twin.why}")
    lines.append(
        f"crosswalk agreement: {checks.crosswalk_agreeing:,} of {checks.crosswalk_total:,}"
    )
    return lines


def unlinked_lines(links: IdentityLinks) -> list[str]:
    """One line per unlinked or ambiguous person, with the reason and the candidates."""
    lines = []
    for person in sorted(links.unlinked.values(), key=lambda u: u.databank_id):
        candidates = f" (candidates {', '.join(map(str, person.candidates))})"
        lines.append(
            f"{person.databank_id} {person.name}: {person.reason}"
            + (candidates if person.candidates else "")
        )
    return lines


def roster_lines(comparison: RosterComparison, rows: bool) -> list[str]:
    lines = [
        f"rosters, (season, team, player) rows of linked people: {comparison.both:,} in both, "
        f"{comparison.count('databank_only'):,} in the Databank only, "
        f"{comparison.count('statsapi_only'):,} on statsapi rosters only "
        f"(agreement {comparison.agreement:.2%})"
    ]
    if rows:
        lines += [
            f"  {r.side:<14} {r.season_start}-{(r.season_start + 1) % 100:02d} {r.team:<12} "
            f"{r.databank_id} / {r.nhl_id} {r.name}"
            for r in comparison.differences
        ]
    return lines


def write_links_csv(path: Path, sources: IdentitySources, links: IdentityLinks) -> int:
    """Every Databank NHL player: linked (method, NHL id, note) or not (reason, candidates)."""
    rows: list[dict[str, object]] = []
    for d in sorted(links.links.keys() | links.unlinked.keys()):
        person = sources.databank_people[d]
        row: dict[str, object] = {"databank_id": d, "name": person.name}
        row["birth_date"] = person.birth_date or ""
        link, missing = links.links.get(d), links.unlinked.get(d)
        if link is not None:
            nhl = sources.nhl_people.get(link.nhl_id)
            row.update(status="linked", method=link.method, nhl_id=link.nhl_id, note=link.note)
            row["nhl_name"] = nhl.name if nhl else ""
            row["nhl_birth_date"] = (nhl.birth_date if nhl else None) or ""
        elif missing is not None:
            row.update(status="unlinked", note=missing.reason)
            row["candidates"] = " ".join(map(str, missing.candidates))
        rows.append(row)
    _write(path, LINK_CSV_COLUMNS, rows)
    return len(rows)


def write_rosters_csv(path: Path, comparison: RosterComparison) -> int:
    rows: list[dict[str, object]] = [
        {"season_start": r.season_start, "team": r.team, "databank_id": r.databank_id,
         "nhl_id": r.nhl_id, "name": r.name, "side": r.side}
        for r in comparison.differences
    ]  # fmt: skip
    _write(path, ROSTER_CSV_COLUMNS, rows)
    return len(rows)


def _write(path: Path, columns: tuple[str, ...], rows: list[dict[str, object]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns, restval="")
        writer.writeheader()
        writer.writerows(rows)


def _share(count: int, total: int) -> str:
    return f"{count / total:7.2%}" if total else "      -"
