"""Safe YAML reading for every user-written and catalog file.

Only the safe loader is used, YAML aliases are refused (an alias bomb expands exponentially
once validated), a key written twice in one mapping is refused (YAML would silently keep the
last one: a second ``waivers:`` would drop the first), and every problem, including a value
the safe loader cannot construct (``expires: 2026-02-30``, a 5,000-digit integer), becomes one
``SrmError`` line naming the file and position.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.constructor import ConstructorError

from srm_iac.errors import SrmError

MAX_YAML_BYTES = 8 * 1024 * 1024
_MERGE_TAG = "tag:yaml.org,2002:merge"
_LONGEST_KEY_SHOWN = 40

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _StrictLoader(_Loader):  # type: ignore[valid-type,misc]
    """The safe loader (C when available) with positioned errors for bad values and keys."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        """Construct ``node``; a value the safe constructors reject is a positioned error."""
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except (ValueError, TypeError, OverflowError, AttributeError, LookupError):
            # PyYAML's safe constructors fail this way on malformed values (``!!timestamp x``)
            kind = node.tag.rsplit(":", 1)[-1] if isinstance(node.tag, str) else "YAML"
            raise ConstructorError(
                None, None, f"not a valid {kind} value", node.start_mark
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        """A mapping whose keys are all distinct (refuses ``a: 1`` then ``a: 2``)."""
        seen: set[tuple[str, str]] = set()
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE_TAG:
                continue
            key = (key_node.tag, key_node.value)
            if key in seen:
                shown = key_node.value
                named = f" {shown!r}" if len(shown) <= _LONGEST_KEY_SHOWN else ""
                raise ConstructorError(None, None, f"duplicate key{named}", key_node.start_mark)
            seen.add(key)
        return super().construct_mapping(node, deep)


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
        return yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        where = f"{name}:{mark.line + 1}:{mark.column + 1}" if mark else name
        raise error(f"{where}: invalid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise error(f"{name}: invalid YAML: {exc.__class__.__name__}") from None
    except RecursionError:
        raise error(f"{name}: YAML nested too deeply") from None
