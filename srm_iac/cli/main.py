"""``srm-iac``: parse the command line, run one subcommand, map errors to exit codes.

Exit codes: 0 nothing at or above the failing threshold, 1 findings or gaps at or above it,
2 usage or input error (one line on stderr, never a traceback unless ``--verbose``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from srm_iac import __version__
from srm_iac.errors import SrmError

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse with one-line errors and exit code 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_ERROR, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    """The full command line; each subcommand module adds its own parser."""
    from srm_iac.cli import (
        audit,
        catalog_cmd,
        check,
        comment,
        diff,
        explain,
        history,
        inventory,
        precommit,
        raci,
    )

    parser = _Parser(
        prog="srm-iac",
        description="Who owns each AI security control, the cloud provider or us, and did we "
        "build our half? Checks Terraform plans, HCL and Pulumi before apply.",
    )
    parser.add_argument("--version", action="version", version=f"srm-iac {__version__}")
    parser.add_argument(
        "--verbose", action="store_true", help="show tracebacks of errors (for bug reports)"
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True
    for module in (
        check,
        comment,
        precommit,
        audit,
        inventory,
        history,
        diff,
        catalog_cmd,
        raci,
        explain,
    ):
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None, *, console: bool = False) -> int:
    """Run the command line; returns the exit code. ``console``: this process is the
    command (cycles are collected rarely unless it reads a source directory)."""
    if argv is None:
        argv = sys.argv[1:]
    if list(argv) == ["--version"]:
        print(f"srm-iac {__version__}")
        return EXIT_OK
    default_pace = collect_cycles_rarely() if console else None
    parser = build_parser()
    args = parser.parse_args(argv)
    if default_pace is not None and reads_a_directory(args):
        import gc

        gc.set_threshold(*default_pace)
    try:
        return int(args.handler(args))
    except SrmError as exc:
        if args.verbose:
            raise
        print(f"srm-iac: error: {exc.diagnostics()}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("srm-iac: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return EXIT_ERROR
    except Exception as exc:  # noqa: BLE001 - no traceback for users; --verbose shows it
        if args.verbose:
            raise
        print(
            f"srm-iac: internal error ({type(exc).__name__}); please report it, "
            "rerun with --verbose for details",
            file=sys.stderr,
        )
        return EXIT_ERROR


YOUNG_OBJECTS_PER_COLLECTION = 200_000
"""Unless it reads a source directory, the console process collects reference cycles after
this many new objects, not 700: decoding JSON makes no cycles and a run's objects mostly live
until it ends, so frequent collections only rescan them (10 to 15 ms at 10,000 resources).
Cycles are still collected, less often; memory stays bounded (the 100k peak is unchanged)."""


def collect_cycles_rarely() -> tuple[int, int, int]:
    """Collect cycles every ``YOUNG_OBJECTS_PER_COLLECTION`` new objects; returns the
    thresholds in force before (to restore them with ``gc.set_threshold``)."""
    import gc

    before = gc.get_threshold()
    gc.set_threshold(YOUNG_OBJECTS_PER_COLLECTION, before[1], before[2])
    return before


def reads_a_directory(args: argparse.Namespace) -> bool:
    """True when the command reads a source directory (parsed HCL makes cyclic garbage: it is
    collected at the default pace)."""
    path = getattr(args, "path", None)
    return isinstance(path, str) and path != "-" and os.path.isdir(path)


def run() -> NoReturn:
    """Console-script entry point."""
    exit_now(main(console=True))


def exit_now(code: int) -> NoReturn:
    """End the process with ``code``, skipping the interpreter's teardown when nothing needs it.

    Tearing down frees every object one by one (the inventory of a big plan: tens of
    milliseconds) for nothing the user sees. The output is flushed first; when an exit
    handler is registered, another thread runs or flushing fails, the normal exit runs instead
    (it runs the handlers, joins the threads and reports the error as Python always does).
    """
    import atexit
    import threading

    try:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                stream.flush()
    except Exception:  # noqa: BLE001 - the normal exit reports it the way Python does
        sys.exit(code)
    handlers = getattr(atexit, "_ncallbacks", None)  # CPython's; elsewhere exit normally
    if handlers is not None and handlers() == 0 and threading.active_count() == 1:
        os._exit(code)
    sys.exit(code)
