"""The markdown report: golden files per example, GitHub rendering, the comment size limit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from srm_iac import __version__
from srm_iac.catalog.loader import Catalog
from srm_iac.model.enums import Severity, Status, Target
from srm_iac.model.findings import Finding
from srm_iac.model.inventory import SourceLocation
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, check_inventory
from srm_iac.reporters.markdown import COMMENT_LIMIT, MARKER, render_markdown, size, text
from tests.cli.helpers import run_cli
from tests.conftest import REPO, TODAY
from tests.factories import inventory, resource
from tests.reporters.gfm import cells, links, problems, rendered_text

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "markdown"
EXAMPLES = sorted(p.parent for p in (REPO / "examples" / "terraform").glob("*/plan.json"))


def redact_volatile(document: str) -> str:
    """The document with the version replaced, so releases do not change golden files."""
    return document.replace(f"srm-iac {__version__}", "srm-iac <version>")


def compare_golden(name: str, document: str, update: bool) -> None:
    path = GOLDEN / f"{name}.md"
    document = redact_volatile(document)
    if update:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document, encoding="utf-8")
    assert path.is_file(), f"no golden file {path}: run pytest --update-golden"
    assert document == path.read_text(encoding="utf-8"), (
        f"markdown for {name} changed; review it and run pytest --update-golden"
    )


def example_arguments(example: Path) -> list[str]:
    relative = example.relative_to(REPO)
    arguments = ["check", f"{relative.as_posix()}/plan.json", "--format", "markdown"]
    if (example / "srm-iac.yaml").is_file():
        arguments += ["--config", f"{relative.as_posix()}/srm-iac.yaml"]
    return arguments


@pytest.mark.parametrize("example", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_example_markdown_matches_golden_and_renders(
    example: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    update_golden: bool,
) -> None:
    monkeypatch.chdir(REPO)
    run = run_cli(capsys, monkeypatch, *example_arguments(example))
    assert run.code in (0, 1), run.err
    assert run.out.startswith(MARKER + "\n## ")
    assert problems(run.out) == []
    assert size(run.out) <= COMMENT_LIMIT
    compare_golden(example.name, run.out, update_golden)


def test_every_golden_file_belongs_to_an_example_or_a_test() -> None:
    expected = {p.name for p in EXAMPLES} | {"located-findings", "overflow-small"}
    assert {p.stem for p in GOLDEN.glob("*.md")} <= expected


def located_report(catalog: Catalog) -> Report:
    guardrail = resource(
        "aws_bedrock_guardrail",
        "weak",
        content_policy_config=[
            {"filters_config": [{"type": "PROMPT_ATTACK", "input_strength": "LOW"}]}
        ],
    )
    guardrail.location = SourceLocation("infra/main.tf", 12, 30)
    agent = resource("aws_bedrockagent_agent", "agent", instruction="Answer questions.")
    agent.location = SourceLocation("infra/agent.tf", 1, 15)
    return check_inventory(catalog, inventory(guardrail, agent), RunOptions(today=TODAY))


def test_report_with_locations_matches_golden(catalog: Catalog, update_golden: bool) -> None:
    document = render_markdown(located_report(catalog), catalog)
    assert "`aws_bedrock_guardrail.weak` at `infra/main.tf:12`" in document
    assert problems(document) == []
    compare_golden("located-findings", document, update_golden)


def test_table_lists_failing_then_unknown_then_not_evidenced_with_owner(
    catalog: Catalog,
) -> None:
    document = render_markdown(located_report(catalog), catalog)
    table = [line for line in document.splitlines() if line.startswith("| ❌") or "| ❔" in line]
    statuses = [cells(row)[0].split()[-1] for row in document.splitlines() if "| SRM-" in row]
    assert statuses == sorted(statuses, key=["FAIL", "UNKNOWN", "NOT_EVIDENCED"].index), (
        "failing first, then unknown, then not evidenced"
    )
    header = next(line for line in document.splitlines() if line.startswith("| status |"))
    assert cells(header) == [
        " status ",
        " severity ",
        " check ",
        " resource ",
        " control ",
        " owner ",
        " finding ",
    ]
    assert table and all(cells(row)[5].strip() in ("customer", "shared") for row in table)


def test_remediation_is_collapsed_with_fix_and_references(catalog: Catalog) -> None:
    document = render_markdown(located_report(catalog), catalog)
    spec = catalog.check("SRM-AWS-005")
    block = document.split(f"<details><summary>{spec.id}: {spec.title}</summary>", 1)[1]
    block = block.split("</details>", 1)[0]
    assert text(spec.fix) in block
    for url in spec.references:
        assert f"- <{url}>" in block


def test_hostile_text_cannot_break_the_layout(catalog: Catalog) -> None:
    report = located_report(catalog)
    evil = "a | b </details> <script>x</script> `tick` _under_ *star* [link](https://x.io) @team"
    findings = tuple(
        dataclasses.replace(f, message=evil, address=f.address + '["k|`v`"]')
        if f.status is Status.FAIL
        else f
        for f in report.findings
    )
    document = render_markdown(dataclasses.replace(report, findings=findings), catalog)
    assert [p for p in problems(document) if not p.startswith("unparsed link")] == []
    assert "https://x.io" not in links(document), "text never becomes a link"
    visible = rendered_text(document)
    assert "a | b </details> <script>x</script> `tick` _under_ *star* [link](https://x.io)" in (
        visible
    )


def many_findings(catalog: Catalog, count: int) -> Report:
    base = located_report(catalog)
    specs = [c for c in catalog.checks if c.target is Target.AWS_BEDROCK]
    findings = []
    for n in range(count):
        spec = specs[n % len(specs)]
        findings.append(
            Finding(
                check_id=spec.id,
                control_id=spec.control,
                target=Target.AWS_BEDROCK,
                status=(Status.FAIL, Status.UNKNOWN, Status.WAIVED)[n % 3],
                severity=list(Severity)[n % 4],
                message=f"generated finding number {n} with a reasonably long explanation",
                address=f'module.app["{n}"].{spec.resource_types[0]}.r{n}',
                location=SourceLocation(f"modules/app{n % 17}/main.tf", n % 400 + 1, n % 400 + 9),
                waiver="accepted risk, tracked in SEC-1" if n % 3 == 2 else "",
            )
        )
    return dataclasses.replace(base, findings=tuple(findings))


def test_thousands_of_findings_stay_under_the_comment_limit(catalog: Catalog) -> None:
    report = many_findings(catalog, 6000)
    listed = sum(1 for f in report.findings if f.status in (Status.FAIL, Status.UNKNOWN))
    document = render_markdown(report, catalog)

    assert size(document) <= COMMENT_LIMIT
    assert len(document) <= COMMENT_LIMIT
    rows = [line for line in document.splitlines() if line.startswith("| ❌") or "| ❔" in line]
    hidden = listed - len(rows)
    assert hidden > 0
    assert f"... and {hidden} more, see the SARIF report." in document
    assert "2000 waived findings, see the SARIF report." in document
    assert problems(document) == []
    assert size(document) > COMMENT_LIMIT - 2000, "the budget is used, not wasted"
    critical = [row for row in rows if "| CRITICAL |" in row]
    assert rows[: len(critical)] == critical, "the most severe findings are kept first"


def test_exactly_at_the_limit_nothing_is_cut(catalog: Catalog, update_golden: bool) -> None:
    report = many_findings(catalog, 40)
    full = render_markdown(report, catalog, limit=10**9)
    assert "more, see the SARIF report" not in full

    assert render_markdown(report, catalog, limit=size(full)) == full
    cut = render_markdown(report, catalog, limit=size(full) - 1)
    assert cut != full and size(cut) <= size(full) - 1
    assert "more, see the SARIF report." in cut
    assert problems(cut) == []
    small = render_markdown(report, catalog, limit=12_000)
    assert size(small) <= 12_000 and problems(small) == []
    compare_golden("overflow-small", small, update_golden)


def test_a_limit_smaller_than_the_audit_still_holds(catalog: Catalog) -> None:
    report = many_findings(catalog, 50)
    document = render_markdown(report, catalog, limit=3000)
    assert size(document) <= 3000
    assert document.startswith(MARKER)
    assert document.endswith("... report truncated, see the SARIF report.\n")


def test_a_catalog_only_audit_has_no_findings_section(catalog: Catalog) -> None:
    from srm_iac.pipeline import audit_only

    report = audit_only(catalog, [Target.AZURE_OPENAI], RunOptions(today=TODAY))
    document = render_markdown(report, catalog)
    assert "### Findings" not in document and "### Azure OpenAI" in document
    assert problems(document) == []


def test_no_ai_resources(catalog: Catalog) -> None:
    report = check_inventory(catalog, inventory(resource("aws_s3_bucket")), RunOptions(TODAY))
    document = render_markdown(report, catalog)
    assert document.splitlines()[1] == "## ℹ️ srm-iac: no AI resources found"
    assert problems(document) == []


def test_many_notes_are_counted_not_listed(catalog: Catalog) -> None:
    report = located_report(catalog)
    noisy = dataclasses.replace(report, notes=tuple(f"note {n}" for n in range(45)))
    document = render_markdown(noisy, catalog)
    assert "- note 19" in document and "- note 20" not in document
    assert "- ... and 25 more notes" in document
