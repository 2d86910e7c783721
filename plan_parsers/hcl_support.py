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
