"""What the subcommands share: loading the catalog, config and attestations; writing output."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from srm_iac.errors import UsageError
from srm_iac.model.enums import Severity
from srm_iac.terminal import encodable

if TYPE_CHECKING:
    from srm_iac.catalog.loader import Catalog

TODAY_VARIABLE = "SRM_IAC_TODAY"
"""Kept for callers of this module; ``srm_iac.clock`` owns the clock."""


def add_catalog_option(parser: argparse.ArgumentParser) -> None:
    """``--catalog DIR``: use another copy of the catalog."""
    parser.add_argument(
        "--catalog", type=Path, metavar="DIR", help="catalog directory (default: the shipped one)"
    )


def add_output_options(parser: argparse.ArgumentParser, formats: Iterable[str]) -> None:
    """``--format`` and ``--output``."""
    choices = list(formats)
    parser.add_argument("--format", "-f", choices=choices, default=choices[0], help="output format")
    parser.add_argument("--output", "-o", type=Path, metavar="FILE", help="write to FILE")


def severity(text: str) -> Severity:
    """argparse type for severities, any case."""
    try:
        return Severity(text)
    except ValueError:
        names = ", ".join(s.value.lower() for s in Severity)
        raise argparse.ArgumentTypeError(f"invalid severity {text!r} (use {names})") from None


def today() -> dt.date:
    """Today, or ``$SRM_IAC_TODAY`` (ISO date) for reproducible reports (see ``srm_iac.clock``)."""
    from srm_iac import clock

    return clock.today()


def xml_escaped(text: str, *, quote: bool = True) -> str:
    """``html.escape(text, quote)`` (without importing ``html`` and its entity tables)."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return text.replace('"', "&quot;").replace("'", "&#x27;") if quote else text


def redact(text: str, secrets: Iterable[str]) -> str:
    """``text`` with every secret (raw, JSON- or XML-escaped) replaced by ``***``."""
    for secret in sorted(set(secrets), key=len, reverse=True):
        variants = {
            secret,
            json.dumps(secret)[1:-1],
            xml_escaped(secret),
            xml_escaped(secret, quote=False),
        }
        for variant in variants:
            if variant:
                text = text.replace(variant, "***")
    return text


def user_files(args: argparse.Namespace, attestations: str = "") -> list[str]:
    """The config and attestation files a run reads (the config's attestations included)."""
    named = [getattr(args, "config", None), getattr(args, "attestations", None)]
    return [str(path) for path in named if path] + ([attestations] if attestations else [])


def catalog_files(catalog: Catalog) -> list[Path]:
    """Every file of the catalog a run used."""
    try:
        return sorted(path for path in catalog.root.rglob("*.yaml") if path.is_file())
    except OSError:
        return []


def emit(text: str, output: Path | None, inputs: Iterable[str], secrets: Iterable[str]) -> None:
    """Write ``text`` (scrubbed of secrets) to ``output`` or standard output.

    Refuses to write onto an input: nothing the user gave is overwritten, neither a file named
    on the command line nor a file read from a directory input, a module it calls, the config,
    the attestations or the catalog (``inputs`` lists them). A regular file is written to a
    temporary name first, so a failure never leaves half a report behind; a device or a pipe
    (``/dev/stdout``, a FIFO) is written in place.
    """
    text = encodable(redact(text, secrets))
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
        return
    written = _identity(output)
    for name in inputs:
        if name == "-":
            continue
        path = Path(name)
        if (written is not None and _identity(path) == written) or _same_directory(output, path):
            raise UsageError(f"--output {output} is an input of this run; refusing to overwrite it")
    target = output.resolve()
    if target.exists() and not target.is_file():
        _write_in_place(target, text, output)
        return
    import tempfile  # only when writing to a file

    temporary: str | None = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=target.parent, delete=False, prefix=f".{target.name}."
        ) as handle:
            temporary = handle.name
            handle.write(text)
        os.replace(temporary, target)
    except OSError as exc:
        if temporary is not None:
            Path(temporary).unlink(missing_ok=True)
        raise UsageError(f"--output {output}: cannot write ({exc.strerror})") from None


def _write_in_place(target: Path, text: str, output: Path) -> None:
    """Write to a device or pipe (``/dev/stdout``, a FIFO): renaming over it would replace it."""
    if target.is_dir():
        raise UsageError(f"--output {output} is a directory")
    try:
        with target.open("w", encoding="utf-8") as handle:
            handle.write(text)
    except OSError as exc:
        raise UsageError(f"--output {output}: cannot write ({exc.strerror})") from None


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of an existing file, else None."""
    try:
        status = path.stat()
    except (OSError, RuntimeError):
        return None
    return (status.st_dev, status.st_ino)


def _same_directory(output: Path, directory: Path) -> bool:
    """``output`` names the input directory itself."""
    try:
        return directory.is_dir() and output.resolve() == directory.resolve()
    except (OSError, RuntimeError):
        return False
