"""What every parser provides, and the closed set of input formats."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Protocol

from srm_iac.model.inventory import Inventory


@dataclass
class InputSource:
    """One thing to check: a file's bytes, standard input, or a directory."""

    name: str
    """How the user named it (a path, or ``-``)."""
    data: bytes | None = None
    """The bytes of a file or of standard input, until a parser takes them."""
    directory: Path | None = None
    """The directory, for source-tree inputs."""

    def take_data(self) -> bytes:
        """The bytes, handed over once: a large input is then not held twice in memory."""
        data, self.data = self.data, None
        if data is None:
            raise ValueError(f"{self.name}: the input was already read")
        return data


class Parser(Protocol):
    """Turns an input into an Inventory, or raises an ``InputError`` subclass."""

    def __call__(self, source: InputSource) -> Inventory:
        """Parse ``source``."""
        ...


class InputFormat(StrEnum):
    """Formats ``--input-format`` accepts; ``auto`` detects."""

    AUTO = "auto"
    TERRAFORM_PLAN = "terraform-plan"
    TERRAFORM_HCL = "terraform-hcl"
    PULUMI_PREVIEW = "pulumi-preview"
