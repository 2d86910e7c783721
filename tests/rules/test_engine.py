"""The engine's verdicts on waivers: a config waiver first, then an inline suppression."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator

from srm_iac.catalog.loader import load_catalog
from srm_iac.config import RunConfig, Waiver
from srm_iac.model.enums import Status, Target
from srm_iac.model.inventory import Resource, SourceLocation, Suppression
from srm_iac.rules.check import Check, CheckContext, Result, failed, passed
from srm_iac.rules.engine import run_checks
from srm_iac.rules.targets import Detection
from tests.factories import inventory, resource

TODAY = dt.date(2026, 1, 1)
CHECK_ID = "SRM-AWS-001"
WHERE = SourceLocation("main.tf", 1, 3)


def _suppressed(name: str, expires: dt.date | None = None) -> Resource:
    found = resource("aws_bedrock_guardrail", name)
    found.suppressions = (Suppression(CHECK_ID, f"inline {name}", expires, WHERE),)
    return found


def _run(
    config: RunConfig, *resources: Resource
) -> tuple[dict[str, tuple[Status, str, bool]], list[str]]:
    def evaluate(context: CheckContext) -> Iterator[Result]:
        for item in context.inventory.resources:
            yield passed(item, "fine") if item.name == "good" else failed(item, "bad")

    context = CheckContext(
        inventory=inventory(*resources),
        config=config,
        targets={Target.AWS_BEDROCK: Detection(Target.AWS_BEDROCK, ())},
    )
    outcome = run_checks(load_catalog(), [Check(CHECK_ID, evaluate)], context, TODAY)
    verdicts = {f.address: (f.status, f.waiver, f.waived_in_source) for f in outcome.findings}
    return verdicts, outcome.notes


def test_a_config_waiver_wins_over_an_inline_suppression() -> None:
    config = dataclasses.replace(
        RunConfig(),
        waivers=(Waiver(CHECK_ID, "config reason", TODAY + dt.timedelta(days=1), "*.both"),),
    )
    verdicts, notes = _run(
        config,
        _suppressed("both"),
        _suppressed("inline"),
        _suppressed("stale", TODAY),
        resource("aws_bedrock_guardrail", "plain"),
        resource("aws_bedrock_guardrail", "good"),
    )
    assert verdicts == {
        "aws_bedrock_guardrail.both": (Status.WAIVED, "config reason", False),
        "aws_bedrock_guardrail.inline": (Status.WAIVED, "inline inline", True),
        "aws_bedrock_guardrail.stale": (Status.FAIL, "", False),
        "aws_bedrock_guardrail.plain": (Status.FAIL, "", False),
        "aws_bedrock_guardrail.good": (Status.PASS, "", False),
    }
    assert len(notes) == 1 and "expired" in notes[0]


def test_without_waivers_suppressions_still_apply() -> None:
    verdicts, _ = _run(RunConfig(), _suppressed("inline"), resource("aws_bedrock_guardrail", "x"))
    assert verdicts == {
        "aws_bedrock_guardrail.inline": (Status.WAIVED, "inline inline", True),
        "aws_bedrock_guardrail.x": (Status.FAIL, "", False),
    }
