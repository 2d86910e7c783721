"""Read what the user points at (file, ``-`` for stdin, directory) and pick the parser.

Detection looks at the document, never at the file name: a plan is a plan whatever it is
called. Known look-alikes (state files, ``plan -json`` logs) are refused with the command
that produces the right input. A directory is checked through its plan file when it has one,
otherwise as Terraform source (``*.tf``). A plan is enriched with source locations from
``--source-dir``, or from the ``.tf`` files that sit next to it.

Reading is bounded (``plan_parsers.limits``): a file over the size limit is refused before it
is read, standard input and special files are read no further than the limit, and a plan file
that a directory input reaches through a symlink leaving that directory is not read.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from plan_parsers.documents import open_json
from plan_parsers.hcl_support import (
    INSTALL_HINT,
    HclUnavailableError,
    has_terraform_files,
    symlink_problem,
)
from plan_parsers.interface import InputFormat, InputSource
from plan_parsers.json_spans import LazyDocument
from plan_parsers.limits import DEFAULT_MAX_INPUT_BYTES, describe_size, too_large_hint
from plan_parsers.pulumi_preview import is_pulumi_preview, is_pulumi_state, parse_preview
from plan_parsers.terraform_plan import is_terraform_plan, parse_plan
from srm_iac.errors import InputError, UnsupportedFormatError, UsageError
from srm_iac.model.inventory import Inventory

PLAN_FILE_NAMES = ("plan.json", "tfplan.json", "terraform.plan.json", "preview.json")


@dataclass(frozen=True)
class SourceOptions:
    """How Terraform source is used: scanned on its own, or to place a plan's findings."""

    source_dir: Path | None = None
    """``--source-dir``: enrich a plan with this source tree (python-hcl2 required)."""
    var_files: tuple[Path, ...] = ()
    """``--var-file`` files, in order, for source scans."""
    discover: bool = True
    """Enrich a plan with the ``.tf`` files of its own directory when there are any."""
    max_input_bytes: int = DEFAULT_MAX_INPUT_BYTES
    """Largest input read (a plan file, or the ``.tf`` files of a source tree together)."""


NO_SOURCE_OPTIONS = SourceOptions()


def read_source(
    name: str, stdin: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_INPUT_BYTES
) -> InputSource:
    """Read ``name`` (``-`` for standard input) into an ``InputSource``, at most ``max_bytes``."""
    if name == "-":
        return InputSource(name="-", data=_read_bounded(stdin or sys.stdin.buffer, name, max_bytes))
    path = Path(name)
    if path.is_dir():
        return InputSource(name=name, directory=path)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise _too_large(name, max_bytes)
        with path.open("rb") as handle:
            return InputSource(name=name, data=_read_bounded(handle, name, max_bytes, size))
    except OSError as exc:
        raise InputError(f"{name}: cannot read ({exc.strerror or 'not found'})") from None


def _read_bounded(stream: BinaryIO, name: str, max_bytes: int, size: int | None = None) -> bytes:
    """Everything ``stream`` holds, refusing (without reading on) past ``max_bytes``.

    ``size`` is what the file held when asked: the first read asks for one byte more (a
    buffer of ``max_bytes`` would be allocated and shrunk again), and goes on only when the
    file has grown since.
    """
    if size is None or size >= max_bytes:
        data = stream.read(max_bytes + 1)
    else:
        data = stream.read(size + 1)
        if len(data) > size:  # written to since: read on, up to the limit
            data += stream.read(max_bytes + 1 - len(data))
    if len(data) > max_bytes:
        raise _too_large(name, max_bytes)
    return data


def _too_large(name: str, max_bytes: int) -> InputError:
    return InputError(
        f"{name}: input is larger than {describe_size(max_bytes)}", hint=too_large_hint()
    )


def load_inventory(
    source: InputSource,
    input_format: InputFormat = InputFormat.AUTO,
    options: SourceOptions = NO_SOURCE_OPTIONS,
) -> Inventory:
    """Parse ``source`` with the parser its content (or ``input_format``) calls for."""
    if source.directory is not None:
        return _load_directory(source.directory, input_format, options)
    if input_format is InputFormat.TERRAFORM_HCL:
        raise UsageError(f"--input-format terraform-hcl reads a directory, not {source.name}")
    document = open_json(source.take_data(), source.name)
    if input_format is InputFormat.TERRAFORM_PLAN or (
        input_format is InputFormat.AUTO and is_terraform_plan(document)
    ):
        if not is_terraform_plan(document):
            _finish(document)
            raise _not_a_plan(document, source.name)
        inventory = parse_plan(document, source.name)  # streams the plan and finishes it
        _enrich(inventory, source, options)
        return inventory
    _finish(document)  # a preview is small: scan it whole before reading any of it
    if input_format is InputFormat.PULUMI_PREVIEW or (
        input_format is InputFormat.AUTO and is_pulumi_preview(document)
    ):
        if is_pulumi_preview(document):
            return parse_preview(document, source.name)
        raise _not_a_preview(document, source.name)
    if input_format is InputFormat.AUTO:
        if is_pulumi_state(document):
            raise _not_a_preview(document, source.name)
        raise _not_a_plan(document, source.name)
    raise UsageError(f"input format {input_format.value} cannot read {source.name}")


def _finish(document: Any) -> None:
    """Scan the rest of a lazy document: a broken one is refused before anything is read."""
    if isinstance(document, LazyDocument):
        document.finish()


def _load_directory(
    directory: Path, input_format: InputFormat, options: SourceOptions
) -> Inventory:
    candidates = [directory / name for name in PLAN_FILE_NAMES if (directory / name).is_file()]
    if input_format is InputFormat.TERRAFORM_HCL or (
        not candidates and input_format is InputFormat.AUTO and has_terraform_files(directory)
    ):
        from plan_parsers.terraform_hcl import parse_source

        return parse_source(
            directory,
            var_files=options.var_files,
            name=str(directory),
            max_bytes=options.max_input_bytes,
        )
    if not candidates:
        raise InputError(
            f"{directory}: no plan file ({', '.join(PLAN_FILE_NAMES)}) and no .tf files "
            "in this directory",
            hint="pass a plan file, a directory of Terraform source, or pipe "
            "`terraform show -json tfplan`",
        )
    plan = candidates[0]
    problem = symlink_problem(plan, directory) if plan.is_symlink() else ""
    if problem:
        raise InputError(f"{plan}: {problem}; not read")
    source = read_source(str(plan), max_bytes=options.max_input_bytes)
    inventory = load_inventory(source, input_format, options)
    inventory.metadata["read_files"] = [str(plan), *inventory.metadata.get("read_files", ())]
    return inventory


def _enrich(inventory: Inventory, source: InputSource, options: SourceOptions) -> None:
    """Add source locations to a plan's resources when there is source to read."""
    if options.source_dir is not None:
        if not options.source_dir.is_dir():
            raise UsageError(f"--source-dir {options.source_dir}: not a directory")
        _enrich_from(inventory, options.source_dir, options.max_input_bytes)
        return
    if not options.discover or source.name == "-":
        return
    beside = Path(source.name).parent
    if not has_terraform_files(beside):
        return
    try:
        _enrich_from(inventory, beside, options.max_input_bytes)
    except HclUnavailableError:
        inventory.notes.append(
            f"{beside}: .tf files next to the plan were not read for file and line numbers "
            f"(python-hcl2 is not installed: {INSTALL_HINT})"
        )


def _not_a_preview(document: Any, name: str) -> InputError:
    if is_pulumi_state(document):
        return UnsupportedFormatError(
            f"{name}: this is a Pulumi stack export (state), not a preview",
            hint="srm-iac checks what will be created: run `pulumi preview --json > preview.json`",
        )
    return UnsupportedFormatError(
        f"{name}: not a Pulumi preview (no steps from `pulumi preview --json`)"
    )


def _enrich_from(inventory: Inventory, directory: Path, max_bytes: int) -> None:
    from plan_parsers.source_map import enrich_from_directory

    enrich_from_directory(inventory, directory, max_bytes=max_bytes)


def _not_a_plan(document: Any, name: str) -> InputError:
    if isinstance(document, Mapping) and (
        ("values" in document and "format_version" in document)
        or set(document) == {"format_version"}
        or {"version", "serial", "lineage"} <= set(document)
    ):
        return UnsupportedFormatError(
            f"{name}: this is a Terraform state, not a plan",
            hint="srm-iac checks what will be created: run `terraform plan -out=tfplan` and "
            "`terraform show -json tfplan`",
        )
    return UnsupportedFormatError(
        f"{name}: not a Terraform plan (no format_version with resource_changes, "
        "planned_values or configuration) nor a Pulumi preview (`pulumi preview --json`)"
    )
