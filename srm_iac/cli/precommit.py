"""``srm-iac pre-commit FILE...``: check the directories that hold the given files.

pre-commit passes the changed ``.tf`` files; each directory holding one is checked once, like
``srm-iac check DIR``, and the worst exit code wins.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from srm_iac.cli.checkrun import add_check_arguments


def register(commands: Any) -> None:
    """Add the ``pre-commit`` subcommand."""
    parser = commands.add_parser(
        "pre-commit",
        help="check the directories of the given files (the pre-commit hook)",
        description="Check each directory that holds one of FILE (as `srm-iac check DIR`); "
        "the exit code is the worst of the checks.",
    )
    parser.add_argument("files", nargs="*", metavar="FILE", help="changed files")
    add_check_arguments(parser, path=False)
    parser.set_defaults(handler=run)


def directories_of(files: list[str]) -> list[str]:
    """The distinct directories holding ``files``, in order."""
    return sorted({Path(name).parent.as_posix() for name in files})


def run(args: argparse.Namespace) -> int:
    """Check every directory; print one table report each."""
    from srm_iac.cli.checkrun import run_check, warn_failures
    from srm_iac.cli.common import emit
    from srm_iac.reporters.formats import OutputFormat
    from srm_iac.reporters.interface import RenderOptions

    worst = 0
    for directory in directories_of(args.files):
        result = run_check(args, path=directory)
        text = OutputFormat.TABLE.renderer()(result.report, result.catalog, RenderOptions())
        emit(text, None, result.inputs, result.inventory.secrets)
        warn_failures(result.report)
        worst = max(worst, result.exit_code(keep_going=args.keep_going))
    return worst
