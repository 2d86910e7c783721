"""``srm-iac comment [PATH|-]``: check like ``check``, then post the report to the request.

The summary comment is updated in place (found by its hidden marker); findings whose lines
the pull or merge request changes get inline comments, once. The exit code is the same as
``check``'s, so the command can gate a pipeline too.
"""

from __future__ import annotations

import argparse
import os
import sys
from functools import partial
from typing import Any

from srm_iac.cli.checkrun import add_check_arguments


def register(commands: Any) -> None:
    """Add the ``comment`` subcommand."""
    parser = commands.add_parser(
        "comment",
        help="check, then post the report to a GitHub pull request or GitLab merge request",
        description="Run the same check as `srm-iac check` and post it to the pull request: "
        "one summary comment, updated in place, and inline comments on the changed lines "
        "that cause a finding. Token from GITHUB_TOKEN (GitHub) or GITLAB_TOKEN (GitLab).",
    )
    add_check_arguments(parser)
    parser.add_argument(
        "--platform",
        choices=["github", "gitlab"],
        help="where to post (default: gitlab inside GitLab CI, else github)",
    )
    parser.add_argument(
        "--repo",
        metavar="REPO",
        help="GitHub OWNER/NAME or GitLab project id or path "
        "(default: $GITHUB_REPOSITORY or $CI_PROJECT_ID)",
    )
    parser.add_argument(
        "--pr",
        type=_request_number,
        metavar="N",
        help="pull or merge request number "
        "(default: from $GITHUB_EVENT_PATH or $CI_MERGE_REQUEST_IID)",
    )
    parser.add_argument(
        "--key",
        type=_key,
        metavar="NAME",
        help="name of this report's summary comment, when several reports (one per "
        "workspace) are posted to the same request",
    )
    parser.add_argument(
        "--dry-run", action="store_true", help="print what would be posted; no network access"
    )
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    """Check, then post (or print, with ``--dry-run``) the review."""
    from srm_iac.cli.checkrun import run_check, warn_failures
    from srm_iac.cli.common import emit, redact
    from srm_iac.review.interface import Platform, RequestSelection
    from srm_iac.review.publish import dry_run_text, plan_review, publish

    result = run_check(args)
    warn_failures(result.report)
    secrets = result.inventory.secrets
    plan = plan_review(
        result.report,
        result.catalog,
        partial(redact, secrets=secrets),
        key=args.key or "",
    )
    if args.dry_run:
        emit(dry_run_text(plan), None, result.inputs, secrets)
        return result.exit_code(keep_going=args.keep_going)
    platform = Platform(args.platform) if args.platform else Platform.detect(os.environ)
    review = platform.connect(RequestSelection(dict(os.environ), args.repo, args.pr))
    try:
        outcome = publish(review, plan)
    finally:
        review.close()
    print(redact(outcome.describe(review.name), secrets), file=sys.stderr)
    if outcome.warning:
        print(f"srm-iac: warning: {redact(outcome.warning, secrets)}", file=sys.stderr)
    return result.exit_code(keep_going=args.keep_going)


def _request_number(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"invalid request number {text!r}")
    return int(text)


def _key(text: str) -> str:
    from srm_iac.review.comments import KEY_PATTERN

    if not KEY_PATTERN.match(text):
        raise argparse.ArgumentTypeError(
            f"invalid key {text!r} (letters, digits, '.', '_', '-', '/'; at most 64)"
        )
    return text
