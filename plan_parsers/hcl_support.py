"""The light part of Terraform source support: is there source here, and is python-hcl2 there.

Kept apart from the HCL parser so that checking a plan never imports the parser.
"""

from __future__ import annotations

from pathlib import Path

from srm_iac.errors import InputError

INSTALL_HINT = "pip install 'srm-iac[hcl]'"


class HclUnavailableError(InputError):
    """python-hcl2 is not installed (or not the supported major version)."""


def has_terraform_files(directory: Path) -> bool:
    """True when ``directory`` holds at least one ``*.tf`` file."""
    try:
        return any(path.is_file() for path in directory.glob("*.tf"))
    except OSError:
        return False


def symlink_problem(link: Path, root: Path) -> str:
    """Why the symlink ``link`` is not followed ("" when it stays inside ``root``).

    A link that loops (or cannot be resolved) is never followed, nor one whose target lies
    outside ``root`` (an untrusted tree must not make srm-iac read the rest of the disk).
    """
    try:
        target = link.resolve(strict=True)
    except (OSError, RuntimeError):
        return "symlink that loops or points nowhere"
    if not target.is_relative_to(root.resolve()):
        return "symlink to a file outside the scanned directory"
    return ""
