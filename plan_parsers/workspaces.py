"""Find the workspaces under the paths a user gives (``srm-iac inventory PATH...``).

A workspace is one thing ``load_inventory`` reads: a plan or preview file given by name,
standard input (``-``), or a directory that holds a plan file (``PLAN_FILE_NAMES``) or
Terraform source (``*.tf``). A directory that is neither is walked: each subdirectory that is
a workspace counts once, and is not walked further (the directories below a workspace are its
modules, not workspaces of their own). Hidden directories (``.terraform``, ``.git``) and
dependency folders are skipped, and symbolic links to directories are not followed.

A plan next to its ``.tf`` files is one workspace: the loader reads the plan and uses the
source only for file and line numbers. The same file reached twice (a directory and its plan
both given) is counted once.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from plan_parsers.hcl_support import has_terraform_files
from plan_parsers.loader import PLAN_FILE_NAMES
from srm_iac.errors import InputError

SKIPPED_DIRECTORIES = frozenset({"node_modules", "__pycache__", "venv", "site-packages"})
"""Directory names never walked (besides hidden ones)."""


@dataclass(frozen=True)
class Workspace:
    """One input of a multi-workspace run."""

    name: str
    """How the workspace is shown and recorded: its path as the user reached it (POSIX)."""
    path: str
    """What ``read_source`` takes: a file, a directory, or ``-``."""


def discover_workspaces(paths: Sequence[str]) -> list[Workspace]:
    """The workspaces under ``paths``, in the order given, directories walked in name order."""
    found: list[Workspace] = []
    seen: set[str] = set()
    for name in paths:
        for workspace in _workspaces_under(name):
            identity = _identity(workspace)
            if identity not in seen:
                seen.add(identity)
                found.append(workspace)
    return found


def workspace_name(path: str) -> str:
    """How an input is named in reports and history: its path in POSIX form (``-`` for stdin)."""
    return path if path == "-" else Path(path).as_posix()


def is_workspace_directory(directory: Path) -> bool:
    """True when ``directory`` holds a plan or preview file, or Terraform source."""
    return _plan_file(directory) is not None or has_terraform_files(directory)


def _workspaces_under(name: str) -> list[Workspace]:
    if name == "-":
        return [Workspace(name="-", path="-")]
    path = Path(name)
    if path.is_file():
        return [Workspace(name=workspace_name(name), path=name)]
    if not path.is_dir():
        raise InputError(f"{name}: no such file or directory")
    found = list(_walk(path))
    if not found:
        raise InputError(
            f"{name}: no workspace under this directory (no {', '.join(PLAN_FILE_NAMES)} and "
            "no .tf files)"
        )
    return found


def _walk(directory: Path) -> Iterator[Workspace]:
    if is_workspace_directory(directory):
        yield Workspace(name=workspace_name(str(directory)), path=str(directory))
        return
    for child in _subdirectories(directory):
        yield from _walk(child)


def _subdirectories(directory: Path) -> list[Path]:
    try:
        with os.scandir(directory) as entries:
            names = [
                entry.name
                for entry in entries
                if entry.is_dir(follow_symlinks=False)
                and not entry.name.startswith(".")
                and entry.name not in SKIPPED_DIRECTORIES
            ]
    except OSError:
        return []
    return [directory / name for name in sorted(names)]


def _plan_file(directory: Path) -> Path | None:
    return next(
        (directory / name for name in PLAN_FILE_NAMES if (directory / name).is_file()), None
    )


def _identity(workspace: Workspace) -> str:
    """The file a workspace is read from, so that one input reached twice counts once."""
    if workspace.path == "-":
        return "-"
    path = Path(workspace.path)
    if path.is_dir():
        path = _plan_file(path) or path
    return str(path.resolve())
