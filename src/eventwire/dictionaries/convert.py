"""Converting PETRARCH/TABARI dictionaries to our YAML (``eventwire dictionary import``).

Each input file becomes one YAML file in the output folder: actors as ``actors:``, agents as
``agents: {compose: ...}``, verbs as a trigger lexicon (``triggers-NAME.yaml``), discard lists
as ``discards:``. What could not be translated is listed in the file's header comment. The
YAML loads back to the same entries (tested), so a converted dictionary can be edited and
kept under version control.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from ..actors.records import ActorEntry
from ..errors import ConfigError
from .detect import detect_format
from .load import parse_file
from .parts import AgentSpec, FileParts

_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True, slots=True)
class Converted:
    """One converted file: where it came from, where it went, what it holds, what was not
    translated."""

    source: Path
    target: Path
    format: str
    entries: int
    notes: tuple[str, ...]


def _iso(day: date | None) -> date | None:
    return day  # written as a YAML date (unquoted), read back as one


def _codes(code: str) -> str | list[str]:
    parts = code.split("/")
    return parts[0] if len(parts) == 1 else parts


def actor_document(actors: tuple[ActorEntry, ...]) -> dict[str, Any]:
    rows = []
    for actor in actors:
        row: dict[str, Any] = {"name": actor.name}
        if actor.code or not actor.periods:  # null: a name known but not coded
            row["code"] = _codes(actor.code) if actor.code else None
        others = [n for n in actor.names if n != actor.name]
        if others:
            row["names"] = others
        if actor.periods:
            row["periods"] = [
                {
                    k: v
                    for k, v in (
                        ("code", _codes(p.code)),
                        ("from", _iso(p.start)),
                        ("to", _iso(p.end)),
                    )
                    if v is not None
                }  # fmt: skip
                for p in actor.periods
            ]
        if actor.origin:
            row["origin"] = actor.origin
        rows.append(row)
    return {"actors": rows}


def agent_document(agents: tuple[AgentSpec, ...]) -> dict[str, Any]:
    rows = []
    for spec in agents:
        e = spec.entry
        row: dict[str, Any] = {"words": e.phrase, "code": e.sector}
        if e.prefix:
            row["before"] = True
        if not e.inflect:  # {} or {PLURAL} in PETRARCH: exactly these forms
            row["plurals"] = list(spec.forms or ())
        if e.origin:
            row["origin"] = e.origin
        rows.append(row)
    return {"agents": {"compose": rows}}


def document(parts: FileParts) -> tuple[dict[str, Any], int]:
    """Our YAML structure for a parsed PETRARCH file and the number of entries in it."""
    if parts.format == "petrarch-actors":
        return actor_document(parts.actors), len(parts.actors)
    if parts.format == "petrarch-agents":
        return agent_document(parts.agents), len(parts.agents)
    if parts.format == "petrarch-discards":
        d = parts.discards
        return {"discards": {"sentence": list(d.sentence), "story": list(d.story)}}, len(
            d.sentence
        ) + len(d.story)
    if parts.format == "petrarch-verbs" and parts.lexicon_data is not None:
        return parts.lexicon_data, len(parts.lexicon_data.get("verbs") or {})
    raise ConfigError(f"[E140] {parts.path}: nothing to convert in a {parts.format} file")


def _target(source: Path, fmt: str, out: Path) -> Path:
    stem = source.stem.replace(" ", "_")
    return out / (f"triggers-{stem}.yaml" if fmt == "petrarch-verbs" else f"{stem}.yaml")


def convert_petrarch(paths: list[Path], out: Path) -> list[Converted]:
    """Convert PETRARCH/TABARI files (formats detected from their content) into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    done = []
    for path in paths:
        if not path.is_file():
            raise ConfigError(f"[E120] dictionary {path} does not exist")
        fmt = detect_format(path)
        if fmt is None or not fmt.startswith("petrarch-") or fmt == "petrarch-issues":
            raise ConfigError(
                f"[E141] {path}: not a PETRARCH actor, agent, verb or discard file "
                f"(detected: {fmt or 'unknown'})"
            )
        parts = parse_file(path, fmt, keep_data=True)
        data, count = document(parts)
        target = _target(path, fmt, out)
        header = [f"# Converted from {path.name} ({fmt}) by `eventwire dictionary import`.",
                  f"# {count} entries. See docs/dictionaries.md for the format."]  # fmt: skip
        header += [f"# not translated: {note}" for note in parts.notes]
        text = yaml.dump(data, Dumper=_DUMPER, sort_keys=False, allow_unicode=True, width=100)
        target.write_text("\n".join(header) + "\n" + text, encoding="utf-8")
        done.append(Converted(path, target, fmt, count, parts.notes))
    return done
