"""The table of every parser entry point the robustness tests drive.

Each ``FuzzTarget`` names a parser, the inputs to try (a hypothesis strategy of bytes) and
how to run it on one input, end to end: parse, then check and render every output format
where the parser feeds a report. Adding a parser to every fuzz test is one line in
``TARGETS``.

Seeds are real files: the third-party corpus (``tests/conftest.py`` finds it; without it
the corpus seeds are simply missing), the shipped examples and the check fixtures. Nothing
is copied into the repository.
"""

from __future__ import annotations

import json
import shutil
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st

from plan_parsers.interface import InputSource
from plan_parsers.loader import SourceOptions, load_inventory
from plan_parsers.terraform_hcl import parse_source
from srm_iac.assets.assessment import (
    Assessment,
    RegistryInput,
    WorkspaceResult,
    assemble,
    assess_workspace,
)
from srm_iac.assets.registry import load_registry
from srm_iac.attestations import load_attestations
from srm_iac.catalog.loader import Catalog, default_catalog_dir, load_catalog
from srm_iac.config import DEFAULT_CONFIG, RunConfig, load_config
from srm_iac.model.enums import Target
from srm_iac.model.inventory import Inventory
from srm_iac.model.report import Report
from srm_iac.pipeline import RunOptions, audit_only, check_inventory
from srm_iac.pulumi_pack.analysis import analyse
from srm_iac.pulumi_pack.evaluate import audit_stack, evaluate_resource, evaluate_stack
from srm_iac.pulumi_pack.settings import settings_for
from srm_iac.reporters.formats import OutputFormat
from srm_iac.reporters.interface import RenderOptions
from srm_iac.reporters.inventory_view import InventoryFormat, InventoryRenderOptions, Section
from srm_iac.rules.registry import checks_for
from srm_iac.terminal import printable
from tests.conftest import FIXTURES, REPO, TODAY, corpus_dir
from tests.robustness import hcl_inputs
from tests.robustness.fuzz import CliOutcome, cli_contract
from tests.robustness.history_inputs import HistoryCase, history_cases, write_case
from tests.robustness.mutations import Seed, mutated_json, seeds_of
from tests.robustness.plan_inputs import plan_bytes
from tests.robustness.pulumi_inputs import StackCase, preview_seeds, stack_cases
from tests.robustness.yaml_inputs import yaml_bytes

EXAMPLES = REPO / "examples" / "terraform"


@cache
def catalog() -> Catalog:
    """The shipped catalog, loaded once."""
    return load_catalog()


def render_all(report: Report, *, table: bool = True) -> dict[OutputFormat, str]:
    """Every output format of ``report``; the machine-readable ones must parse.

    The terminal table is the slowest format by far; the parser fuzz tests leave it to the
    reporter fuzz test (``table=False``), which feeds it every hostile string directly.
    """
    options = RenderOptions()
    rendered = {
        output: output.renderer()(report, catalog(), options)
        for output in OutputFormat
        if table or output is not OutputFormat.TABLE
    }
    for output in (OutputFormat.JSON, OutputFormat.SARIF):
        json.loads(rendered[output])
    ET.fromstring(rendered[OutputFormat.JUNIT].encode("utf-8"))
    return rendered


def checked(inventory: Inventory, config: RunConfig = DEFAULT_CONFIG) -> Report:
    """Check ``inventory``, render it in every format; no check may raise."""
    report = check_inventory(catalog(), inventory, RunOptions(today=TODAY, config=config))
    assert not report.failures, f"a check raised: {report.failures}"
    render_all(report, table=False)
    return report


# -- seeds ---------------------------------------------------------------------------------


def _json_files() -> list[Path]:
    corpus = corpus_dir()
    found = sorted(corpus.rglob("*.json")) if corpus else []
    found += sorted(EXAMPLES.glob("*/plan.json"))
    found += sorted((FIXTURES / "checks").glob("*/*/plan.json"))[::4]
    return found


@cache
def plan_seeds() -> list[Seed]:
    """Real plans: the corpus, the examples and a quarter of the check fixtures."""
    documents = []
    for path in _json_files():
        try:
            documents.append(json.loads(path.read_bytes().decode("utf-8-sig")))
        except (UnicodeDecodeError, ValueError):
            continue
    return seeds_of(documents)


@cache
def hcl_seeds() -> list[str]:
    """Terraform files: the check fixtures' and, when present, the corpus's small ones."""
    files = sorted((FIXTURES / "checks").glob("*/*/main.tf"))[::3]
    corpus = corpus_dir()
    if corpus:
        files += [path for path in sorted(corpus.rglob("*.tf")) if path.stat().st_size < 4000]
    return [path.read_text(encoding="utf-8", errors="replace") for path in files]


def _yaml_seeds(paths: list[Path]) -> list[Seed]:
    return seeds_of([yaml.safe_load(path.read_text(encoding="utf-8")) for path in paths])


@cache
def config_seeds() -> list[Seed]:
    """Config files: the examples' and the fixtures', and one with every key."""
    paths = sorted(EXAMPLES.glob("*/srm-iac.yaml")) + sorted(
        (FIXTURES / "checks").glob("*/*/config.yaml")
    )
    every_key = {
        "schema_version": 1,
        "fail_on": "high",
        "approved_models": {"aws_bedrock": ["anthropic.*"], "azure_openai": ["gpt-4o:*"]},
        "waivers": [
            {
                "check": "SRM-AWS-005",
                "address": "aws_bedrock_guardrail.*",
                "reason": "tracked",
                "expires": "2027-01-01",
            }
        ],
        "severity_overrides": {"SRM-AWS-006": "LOW"},
        "owner_overrides": {"self_hosted": {"AI-SEC-001": "customer"}},
    }
    return [*_yaml_seeds(paths), Seed.of(every_key)]


@cache
def attestation_seeds() -> list[Seed]:
    """The examples' attestation files."""
    return _yaml_seeds(sorted(EXAMPLES.glob("*/attestations.yaml")))


@cache
def catalog_seeds() -> list[tuple[str, Seed]]:
    """Every catalog file, by its path inside the catalog directory."""
    root = default_catalog_dir()
    return [
        (path.relative_to(root).as_posix(), Seed.of(yaml.safe_load(path.read_text("utf-8"))))
        for path in sorted(root.rglob("*.yaml"))
    ]


# -- how each parser runs on one input -------------------------------------------------------


def check_plan(data: bytes, workdir: Path) -> Report:
    """Plan JSON bytes -> inventory -> report in every format."""
    del workdir
    source = InputSource(name="plan.json", data=data)
    return checked(load_inventory(source, options=SourceOptions(discover=False)))


def check_preview(data: bytes, workdir: Path) -> Report:
    """``pulumi preview --json`` bytes -> inventory -> report in every format."""
    del workdir
    source = InputSource(name="preview.json", data=data)
    return checked(load_inventory(source, options=SourceOptions(discover=False)))


def check_plan_from_stdin(data: bytes, workdir: Path) -> CliOutcome:
    """``srm-iac check -`` with the bytes on standard input: exit code and stderr contract."""
    del workdir
    return cli_contract(["check", "-", "--format", "json"], stdin=data)


def run_policies(case: StackCase, workdir: Path) -> list[str]:
    """The CrossGuard pack's check and audit policies over one stack, as the engine runs them."""
    del workdir
    messages: list[str] = []
    stack = analyse(case.resources)
    for check_id in case.check_ids:
        check = next(c for c in checks_for(Target) if c.id == check_id)
        settings = settings_for(case.properties, catalog(), check_id=check_id)
        verdicts = [evaluate_stack(catalog(), check, stack, settings, TODAY)]
        verdicts += [
            evaluate_resource(catalog(), check, resource, settings, TODAY)
            for resource in case.resources
        ]
        for verdict in verdicts:
            messages += [text for text, _ in verdict.violations] + verdict.advisories
    audit_settings = settings_for({}, catalog(), check_id=None)
    outcome = audit_stack(catalog(), stack, audit_settings, TODAY)
    render_all(outcome.report, table=False)
    messages += [text for text, _ in outcome.verdicts.violations]
    for message in messages:
        assert printable(message) == message or "\ufffd" in message, message
    return messages


@cache
def _workspace_results() -> list[WorkspaceResult]:
    results = []
    for path in sorted(EXAMPLES.glob("*/plan.json")):
        source = InputSource(name=str(path), data=path.read_bytes())
        inventory = load_inventory(source, options=SourceOptions(discover=False))
        name = f"infra/{path.parent.name}"
        results.append(assess_workspace(catalog(), name, inventory, RunOptions(today=TODAY)))
    return results


def reconcile_registry(data: bytes, workdir: Path) -> Assessment:
    """An asset registry -> reconciliation with the examples' assets -> every inventory format."""
    path = workdir / "ai-assets.yaml"
    path.write_bytes(data)
    registry = RegistryInput(registry=load_registry(path), name=str(path))
    assessment = assemble(catalog(), _workspace_results(), RunOptions(today=TODAY), registry)
    for output in InventoryFormat:
        sections = (Section.ASSETS,) if output is InventoryFormat.CSV else tuple(Section)
        output.renderer()(assessment, InventoryRenderOptions(sections=sections))
    return assessment


def read_history(case: HistoryCase, workdir: Path) -> list[CliOutcome]:
    """A damaged history database -> ``srm-iac history`` (json, table) and ``srm-iac diff``."""
    path = workdir / "history.db"
    write_case(case, path)
    return [
        cli_contract(["history", "--history", str(path), "--format", "json"]),
        cli_contract(["history", "--history", str(path)]),
        cli_contract(["diff", "--history", str(path)]),
    ]


def _fresh(directory: Path) -> Path:
    if directory.exists():
        shutil.rmtree(directory)
    directory.mkdir(parents=True)
    return directory


def check_source(data: bytes, workdir: Path) -> Report:
    """A ``main.tf`` -> source inventory -> report in every format."""
    root = _fresh(workdir / "src")
    (root / "main.tf").write_bytes(data)
    return checked(parse_source(root))


VARIABLES_TF = """
variable "a" {}
variable "b" { default = "x" }
variable "secret" { sensitive = true }
variable "x-y" { type = list(string) }
variable "_z" {}
resource "aws_bedrock_guardrail" "g" {
  name                      = var.a
  blocked_input_messaging   = var.secret
  blocked_outputs_messaging = "${var.b}-${var.secret}"
  kms_key_arn               = var.x-y[0]
  tags                      = { z = var._z }
  count                     = var._z
}
"""


def check_variable_file(data: bytes, workdir: Path) -> Report:
    """A ``terraform.tfvars`` for a fixed module -> source inventory -> report."""
    root = _fresh(workdir / "vars")
    (root / "main.tf").write_text(VARIABLES_TF, encoding="utf-8")
    (root / "terraform.tfvars").write_bytes(data)
    return checked(parse_source(root))


def load_catalog_file(case: tuple[str, bytes], workdir: Path) -> Catalog:
    """One catalog file replaced by the input -> the whole catalog validated."""
    name, data = case
    root = workdir / "catalog"
    if not root.exists():
        shutil.copytree(default_catalog_dir(), root)
    original = (default_catalog_dir() / name).read_bytes()
    (root / name).write_bytes(data)
    try:
        return load_catalog(root)
    finally:
        (root / name).write_bytes(original)


@cache
def _insecure_inventory_source() -> bytes:
    return (EXAMPLES / "bedrock-insecure" / "plan.json").read_bytes()


def check_with_config(data: bytes, workdir: Path) -> Report:
    """A config file -> run config -> applied (waivers, overrides) to a plan with findings."""
    path = workdir / "srm-iac.yaml"
    path.write_bytes(data)
    config = load_config(path, {spec.id for spec in catalog().checks})
    source = InputSource(name="plan.json", data=_insecure_inventory_source())
    return checked(load_inventory(source, options=SourceOptions(discover=False)), config)


def audit_with_attestations(data: bytes, workdir: Path) -> Report:
    """An attestation file -> attestations -> the audit of every target, every format."""
    path = workdir / "attestations.yaml"
    path.write_bytes(data)
    attestations = load_attestations(path, catalog())
    options = RunOptions(today=TODAY, attestations=attestations)
    report = audit_only(catalog(), list(Target), options)
    render_all(report, table=False)
    return report


# -- inputs ------------------------------------------------------------------------------------


def preview_inputs() -> st.SearchStrategy[bytes]:
    """Mutated example previews."""
    return mutated_json(preview_seeds())


def stack_inputs() -> st.SearchStrategy[StackCase]:
    """Mutated example stacks as CrossGuard sees them, with a policy config."""
    return stack_cases(tuple(spec.id for spec in catalog().checks))


def registry_inputs() -> st.SearchStrategy[bytes]:
    """Mutated asset registries and YAML hazards."""
    return yaml_bytes(_yaml_seeds([REPO / "examples" / "assessment" / "ai-assets.yaml"]))


def plan_inputs() -> st.SearchStrategy[bytes]:
    """Generated and mutated plans."""
    return plan_bytes(plan_seeds())


def source_inputs() -> st.SearchStrategy[bytes]:
    """Generated, mutated and deeply nested ``.tf`` files."""
    return hcl_inputs.source_bytes(hcl_seeds(), hcl_inputs.configurations())


def variable_file_inputs() -> st.SearchStrategy[bytes]:
    """Generated and mutated ``.tfvars`` files."""
    seeds = ['a = "x"\nsecret = "s3cr3t-value"\nx-y = ["arn:aws:kms:k"]\n_z = 2\n']
    return hcl_inputs.source_bytes(seeds, hcl_inputs.variable_files())


def catalog_inputs() -> st.SearchStrategy[tuple[str, bytes]]:
    """One catalog file, mutated."""
    return st.sampled_from(catalog_seeds()).flatmap(
        lambda item: st.tuples(st.just(item[0]), yaml_bytes([item[1]]))
    )


def config_inputs() -> st.SearchStrategy[bytes]:
    """Mutated config files and YAML hazards."""
    return yaml_bytes(config_seeds())


WAIVER_PATTERNS = (
    "*",
    "aws_bedrock_guardrail.*",
    "[",
    "[!]",
    "[]]",
    "**" * 200,
    "*a" * 50 + "b",
    "?" * 300,
    "\\",
    "é*\u202e",
    "x" * 100_000,
)


def waiver_inputs() -> st.SearchStrategy[bytes]:
    """Configs with many waivers: every check, hostile address patterns, odd dates."""
    waiver = st.fixed_dictionaries(
        {
            "check": st.sampled_from([spec.id for spec in catalog().checks][:40]),
            "address": st.sampled_from(WAIVER_PATTERNS),
            "reason": st.sampled_from(["tracked", " ", "x" * 10_000]),
            "expires": st.sampled_from(["2027-01-01", "2020-01-01", "2026-11-28", "9999-12-31"]),
        }
    )
    configs = st.builds(
        lambda waivers, models: {
            "schema_version": 1,
            "waivers": waivers,
            "approved_models": {"aws_bedrock": models},
        },
        st.lists(waiver, max_size=8),
        st.lists(st.sampled_from(WAIVER_PATTERNS), max_size=3),
    )
    return st.one_of(
        configs.map(lambda document: yaml.safe_dump(document).encode("utf-8")),
        yaml_bytes(config_seeds()),
    )


def attestation_inputs() -> st.SearchStrategy[bytes]:
    """Mutated attestation files and YAML hazards."""
    return yaml_bytes(attestation_seeds())


@dataclass(frozen=True)
class FuzzTarget:
    """One parser entry point under fuzzing."""

    name: str
    """Test id."""
    inputs: Callable[[], st.SearchStrategy[Any]]
    """The inputs to try (built lazily: seeds are read at test time)."""
    parse: Callable[[Any, Path], object]
    """Run the parser (and what consumes its result) on one input in a work directory."""
    budget: int
    """Examples in the CI profile."""


TARGETS = (
    FuzzTarget("terraform-plan", plan_inputs, check_plan, 1500),
    FuzzTarget("terraform-hcl", source_inputs, check_source, 800),
    FuzzTarget("tfvars", variable_file_inputs, check_variable_file, 400),
    FuzzTarget("catalog", catalog_inputs, load_catalog_file, 300),
    FuzzTarget("config", config_inputs, check_with_config, 600),
    FuzzTarget("waivers", waiver_inputs, check_with_config, 300),
    FuzzTarget("attestations", attestation_inputs, audit_with_attestations, 600),
    FuzzTarget("pulumi-preview", preview_inputs, check_preview, 800),
    FuzzTarget("crossguard", stack_inputs, run_policies, 300),
    FuzzTarget("registry", registry_inputs, reconcile_registry, 500),
    FuzzTarget("history", history_cases, read_history, 200),
    FuzzTarget("cli-stdin", plan_inputs, check_plan_from_stdin, 300),
)
"""Every parser; one line each."""
