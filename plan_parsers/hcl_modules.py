"""Read a Terraform root module and the local modules it calls, as Terraform would find them.

A module is every ``*.tf`` file of one directory (not its subdirectories). ``module`` blocks
with a local ``source`` (``./x``, ``../x``) are followed recursively; other sources are
followed when ``terraform init`` has installed them (``.terraform/modules/modules.json``),
otherwise they are reported as not scanned. A file python-hcl2 cannot parse is reported with
its path and line, and the rest of the module is still read.

Symlinks: a ``.tf`` file or module directory reached through a symlink whose target lies
outside the scanned directory is not read, and a module that calls itself (directly or
through others, symlinks included) is not entered again. Both are reported as notes.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from plan_parsers.documents import decode
from plan_parsers.hcl_blocks import BlockSpan, Comment, scan_blocks
from plan_parsers.hcl_expressions import Literal
from plan_parsers.hcl_reader import Body, HclParseError, RawBlock, parse_blocks
from plan_parsers.hcl_support import symlink_problem
from plan_parsers.limits import DEFAULT_MAX_INPUT_BYTES, describe_size, too_large_hint
from plan_parsers.suppressions import for_block
from plan_parsers.terraform_config import ModulePath
from srm_iac.errors import InputError
from srm_iac.model.inventory import SourceLocation, Suppression

MAX_FILE_BYTES = 16 * 1024 * 1024
MAX_MODULE_DEPTH = 32
MAX_MODULES = 1000
"""Module calls followed in all: two calls of a module that calls the next one twice, 30
levels down, name 2**30 modules; past this limit further calls are reported, not read."""
_LOCAL_PREFIXES = ("./", "../", ".\\", "..\\")


@dataclass
class Block:
    """A top-level block with where it is written and its inline suppressions."""

    type: str
    """``resource``, ``data``, ``module``, ``variable``, ``locals``, ``output`` ..."""
    labels: tuple[str, ...]
    """The block's labels."""
    body: Body
    """Its content."""
    location: SourceLocation | None
    """File and line range (None if the scanner could not place it)."""
    suppressions: tuple[Suppression, ...] = ()
    """``srm-iac:ignore`` comments on or above it."""

    @property
    def local_address(self) -> str:
        """``aws_x.y`` for a resource, ``data.aws_x.y`` for a data source, else ""."""
        if self.type == "resource" and len(self.labels) == 2:
            return f"{self.labels[0]}.{self.labels[1]}"
        if self.type == "data" and len(self.labels) == 2:
            return f"data.{self.labels[0]}.{self.labels[1]}"
        return ""


@dataclass
class Module:
    """One module directory and the modules it calls."""

    path: ModulePath
    """Call names from the root (``()`` for the root module)."""
    directory: Path
    """Where its files are."""
    blocks: list[Block] = field(default_factory=list)
    """Its top-level blocks, file by file in name order."""
    children: dict[str, Module] = field(default_factory=dict)
    """Resolved module calls by call name."""

    def of_type(self, block_type: str) -> list[Block]:
        """Its blocks of one type."""
        return [block for block in self.blocks if block.type == block_type]


@dataclass
class SourceTree:
    """The root module, and what the user should know about reading it."""

    root: Module
    """The root module with its resolved calls."""
    notes: list[str] = field(default_factory=list)
    """Modules not followed, files skipped, suppressions not applied."""
    parse_errors: list[str] = field(default_factory=list)
    """One line per file python-hcl2 could not parse (path:line:column: reason)."""
    files: int = 0
    """``.tf`` files read (parsed or not)."""
    paths: list[Path] = field(default_factory=list)
    """Every file read, resolved (``--output`` never overwrites one)."""


def display_base(directory: Path) -> Path:
    """Where reported paths start: the enclosing git work tree, else ``directory`` itself."""
    resolved = directory.resolve()
    for candidate in (resolved, *resolved.parents):
        if (candidate / ".git").exists():
            return candidate
    return resolved


class _Loader:
    def __init__(self, root: Path, base: Path, max_bytes: int) -> None:
        self.root = root.resolve()
        self.base = base
        self.max_bytes = max_bytes
        self.bytes_read = 0
        self.tree = SourceTree(Module((), root))
        self.cache: dict[Path, list[Block]] = {}
        self.installed = _installed_modules(root)
        self.modules = 1
        self.over_limit = 0

    def display(self, path: Path) -> str:
        return Path(os.path.relpath(path.resolve(), self.base)).as_posix()

    def load(self, directory: Path, path: ModulePath, chain: tuple[Path, ...]) -> Module:
        module = Module(path, directory, self.blocks_of(directory))
        if len(path) >= MAX_MODULE_DEPTH:
            self.tree.notes.append(f"{self.display(directory)}: modules nested too deep")
            return module
        for call in module.of_type("module"):
            if not call.labels:
                continue
            name = call.labels[0]
            child_dir = self.resolve_call(directory, call, (*path, name))
            if child_dir is None:
                continue
            real = child_dir.resolve()
            if self.modules >= MAX_MODULES:
                self.over_limit += 1
                continue
            if real in chain:
                self.tree.notes.append(
                    f"module.{name} in {self.display(directory)} calls a module that is already "
                    "being read (a loop); it is not entered again"
                )
                continue
            self.modules += 1
            module.children[name] = self.load(child_dir, (*path, name), (*chain, real))
        return module

    def resolve_call(self, directory: Path, call: Block, path: ModulePath) -> Path | None:
        source_expression = call.body.attributes.get("source")
        source = (
            source_expression.value
            if isinstance(source_expression, Literal) and isinstance(source_expression.value, str)
            else None
        )
        where = f"module.{path[-1]} ({call.location or self.display(directory)})"
        if source is None:
            self.tree.notes.append(f"{where}: source is not a literal string; not scanned")
            return None
        if source.startswith(_LOCAL_PREFIXES):
            candidate = directory / source
        elif ".".join(path) in self.installed:
            candidate = self.installed[".".join(path)]
        else:
            self.tree.notes.append(
                f"{where}: remote source not installed (run `terraform init`); not scanned"
            )
            return None
        if not candidate.is_dir():
            self.tree.notes.append(f"{where}: source directory not found; not scanned")
            return None
        if self.leaves_tree_through_symlink(candidate):
            self.tree.notes.append(
                f"{where}: source is a symlink that leaves the scanned directory; not followed"
            )
            return None
        return candidate

    def leaves_tree_through_symlink(self, path: Path) -> bool:
        real = path.resolve()
        lexical = Path(os.path.normpath(path.absolute()))
        return real != lexical and not real.is_relative_to(self.root)

    def blocks_of(self, directory: Path) -> list[Block]:
        real = directory.resolve()
        if real not in self.cache:
            self.cache[real] = self.read_directory(directory)
        return self.cache[real]

    def read_directory(self, directory: Path) -> list[Block]:
        blocks: list[Block] = []
        try:
            files = sorted(p for p in directory.iterdir() if p.name.endswith(".tf"))
        except OSError as exc:
            raise InputError(
                f"{self.display(directory)}: cannot list ({exc.strerror or 'error'})"
            ) from None
        for file in files:
            shown = self.display(file) if not file.is_symlink() else file.name
            if file.is_symlink():
                problem = symlink_problem(file, self.root)
                if problem:
                    self.tree.notes.append(f"{shown}: {problem}; not read")
                    continue
            if not file.is_file():
                continue
            if file.name == "override.tf" or file.name.endswith("_override.tf"):
                self.tree.notes.append(f"{shown}: override files are not merged; not read")
                continue
            blocks.extend(self.read_file(file))
        return blocks

    def read_file(self, file: Path) -> list[Block]:
        shown = self.display(file)
        self.tree.files += 1
        try:
            size = file.stat().st_size
            if size > MAX_FILE_BYTES:
                self.tree.notes.append(f"{shown}: larger than 16 MiB; not read")
                return []
            self.count_bytes(size)
            self.tree.paths.append(file.resolve())
            data = file.read_bytes()
        except OSError as exc:
            self.tree.parse_errors.append(f"{shown}: cannot read ({exc.strerror or 'error'})")
            return []
        try:
            text = decode(data, shown)
        except InputError as exc:
            self.tree.parse_errors.append(exc.message)
            return []
        scanned = scan_blocks(text)
        try:
            raw_blocks = parse_blocks(text)
        except HclParseError as error:
            position = f":{error.line}" if error.line else ""
            position += f":{error.column}" if error.line and error.column else ""
            self.tree.parse_errors.append(
                f"{shown}{position}: python-hcl2 cannot parse this file ({error.reason}); "
                "its blocks are not checked"
            )
            return []
        return self.place(raw_blocks, scanned.blocks, scanned.comments, text, shown)

    def count_bytes(self, size: int) -> None:
        """Add a file's size to what the scan has read; refuse past the input size limit."""
        self.bytes_read += size
        if self.bytes_read > self.max_bytes:
            raise InputError(
                f"{self.display(self.root)}: the .tf files are larger than "
                f"{describe_size(self.max_bytes)} together",
                hint=too_large_hint(),
            )

    def place(
        self,
        raw_blocks: list[RawBlock],
        spans: tuple[BlockSpan, ...],
        comments: tuple[Comment, ...],
        text: str,
        shown: str,
    ) -> list[Block]:
        """Match parsed blocks to scanned spans, in file order per (type, labels)."""
        queues: dict[tuple[str, tuple[str, ...]], list[BlockSpan]] = {}
        for scanned_span in spans:
            queues.setdefault((scanned_span.type, scanned_span.labels), []).append(scanned_span)
        lines = text.splitlines()
        placed: list[tuple[int, Block]] = []
        for order, raw in enumerate(raw_blocks):
            queue = queues.get((raw.type, raw.labels))
            span: BlockSpan | None = queue.pop(0) if queue else None
            block = Block(raw.type, raw.labels, raw.body, None)
            if span is not None:
                block.location = SourceLocation(shown, span.start_line, span.end_line)
                if block.local_address:
                    found = for_block(span, comments, shown, lines)
                    block.suppressions = tuple(found.suppressions)
                    self.tree.notes.extend(found.problems)
            placed.append((span.start_line if span else 10**9 + order, block))
        placed.sort(key=lambda item: item[0])
        return [block for _, block in placed]


def _installed_modules(root: Path) -> dict[str, Path]:
    """Call path ("a.b") -> directory of modules ``terraform init`` downloaded."""
    manifest = root / ".terraform" / "modules" / "modules.json"
    try:
        document = json.loads(manifest.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    found: dict[str, Path] = {}
    entries = document.get("Modules") if isinstance(document, dict) else None
    for entry in entries if isinstance(entries, list) else []:
        if not isinstance(entry, dict):
            continue
        key, directory = entry.get("Key"), entry.get("Dir")
        if isinstance(key, str) and key and isinstance(directory, str):
            found[key] = root / directory
    return found


def load_tree(
    root: Path, base: Path | None = None, max_bytes: int = DEFAULT_MAX_INPUT_BYTES
) -> SourceTree:
    """Read the module at ``root`` and every module it calls that can be found.

    Raises ``InputError`` when the files read come to more than ``max_bytes``.
    """
    loader = _Loader(root, base if base is not None else display_base(root), max_bytes)
    loader.tree.root = loader.load(root, (), (root.resolve(),))
    if loader.over_limit:
        loader.tree.notes.append(
            f"{loader.over_limit} module call(s) not scanned: srm-iac follows at most "
            f"{MAX_MODULES} module calls"
        )
    return loader.tree
