"""Safe YAML reading for every user-written and catalog file.

Only the safe loader is used, YAML aliases are refused (an alias bomb expands exponentially
once validated), and every problem becomes one ``SrmError`` line naming the file and position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from srm_iac.errors import SrmError

MAX_YAML_BYTES = 8 * 1024 * 1024

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(path: Path, error: type[SrmError]) -> Any:
    """Parse ``path`` as YAML; raise ``error`` with a one-line message on any problem."""
    try:
        size = path.stat().st_size
        if size > MAX_YAML_BYTES:
            raise error(f"{path}: {size} bytes is larger than the {MAX_YAML_BYTES} bytes allowed")
        raw = path.read_bytes()
    except OSError as exc:
        raise error(f"{path}: cannot read ({exc.strerror or exc.__class__.__name__})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise error(f"{path}: not UTF-8 text (byte {exc.start})") from None
    return parse_yaml(text, str(path), error)


def parse_yaml(text: str, name: str, error: type[SrmError]) -> Any:
    """Parse YAML text; ``name`` is used in messages."""
    try:
        for event in yaml.parse(text, Loader=_Loader):
            if isinstance(event, yaml.AliasEvent):
                mark = event.start_mark
                where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
                raise error(f"{where}: YAML aliases are not allowed")
        return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise error(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: invalid YAML: {exc.__class__.__name__}") from None
    except RecursionError:
        raise error(f"{name}: YAML nested too deeply") from None
