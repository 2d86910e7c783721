"""No network except ``comment``; no code run from inputs, anywhere in the package.

Sockets are replaced by ones that refuse to exist, and every command that reads an input or
the catalog still works: only ``srm-iac comment`` (without ``--dry-run``) needs them. The
package's source is read for the ways Python runs code from data (``eval``, ``exec``,
``pickle``, YAML's full loaders, subprocesses, dynamic imports); each use is refused unless
an allow-list entry below says why it is safe.
"""

from __future__ import annotations

import ast
import json
import socket
from pathlib import Path
from typing import Any

import pytest
import yaml

from srm_iac import yamlio
from tests.cli.helpers import Run, run_cli
from tests.conftest import REPO
from tests.review import scenario

Capsys = pytest.CaptureFixture[str]
Patch = pytest.MonkeyPatch
EXAMPLES = REPO / "examples"


class NetworkUsed(AssertionError):
    """Something opened a socket."""


@pytest.fixture
def no_network(monkeypatch: Patch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise NetworkUsed(f"network access: {args[:2]!r}")

    class NoSocket(socket.socket):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            refuse(*args)

    monkeypatch.setattr(socket, "socket", NoSocket)
    for name in ("create_connection", "getaddrinfo", "gethostbyname", "socketpair"):
        monkeypatch.setattr(socket, name, refuse)
    for name in list(__import__("os").environ):
        if name.startswith(("GITHUB_", "GITLAB_", "CI_")):
            monkeypatch.delenv(name)


def cli(capsys: Capsys, monkeypatch: Patch, *argv: str) -> Run:
    run = run_cli(capsys, monkeypatch, *argv)
    assert run.code in (0, 1), run.err
    return run


@pytest.mark.usefixtures("no_network")
def test_every_offline_command_opens_no_socket(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    plan = str(EXAMPLES / "terraform" / "bedrock-insecure" / "plan.json")
    source = EXAMPLES / "terraform" / "bedrock-insecure"
    preview = str(EXAMPLES / "pulumi" / "bedrock-insecure" / "preview.json")
    history = str(tmp_path / "history.db")
    for output in ("table", "json", "sarif", "markdown", "junit", "html"):
        cli(capsys, monkeypatch, "check", plan, "-f", output)
    cli(capsys, monkeypatch, "check", str(source / "main.tf").rsplit("/", 1)[0], "-f", "json")
    cli(capsys, monkeypatch, "check", preview, "-f", "json", "--record", "--history", history)
    cli(capsys, monkeypatch, "check", plan, "--record", "--history", history)
    cli(capsys, monkeypatch, "audit", "-t", "aws_bedrock", "-t", "gcp_vertex")
    cli(capsys, monkeypatch, "catalog", "validate")
    cli(capsys, monkeypatch, "catalog", "list")
    cli(capsys, monkeypatch, "catalog", "show", "AI-SEC-002")
    cli(capsys, monkeypatch, "explain", "SRM-AWS-005")
    cli(capsys, monkeypatch, "raci", "-f", "json")
    cli(capsys, monkeypatch, "inventory", str(EXAMPLES / "terraform"), "-f", "json")
    cli(capsys, monkeypatch, "history", "--history", history)
    cli(capsys, monkeypatch, "diff", "--history", history)
    cli(capsys, monkeypatch, "pre-commit", str(source / "main.tf"))
    dry = cli(capsys, monkeypatch, "comment", plan, "--dry-run", "--repo", "a/b", "--pr", "1")
    assert "srm-iac:summary" in dry.out


@pytest.mark.usefixtures("no_network")
def test_only_comment_talks_to_the_network(
    capsys: Capsys, monkeypatch: Patch, tmp_path: Path
) -> None:
    monkeypatch.setenv("GITHUB_TOKEN", "ghs_offline-test-token")
    monkeypatch.setenv("GITHUB_API_URL", "https://api.github.example")
    with pytest.raises(NetworkUsed):
        run_cli(
            capsys,
            monkeypatch,
            "--verbose",
            "comment",
            str(scenario.write_plan(tmp_path)),
            "--repo",
            "a/b",
            "--pr",
            "1",
        )


# -- no code execution from inputs ------------------------------------------------------------

PACKAGES = ("srm_iac", "plan_parsers", "policy_packs")
FORBIDDEN_CALLS = {"eval", "exec", "compile", "__import__", "breakpoint", "input"}
FORBIDDEN_MODULES = {
    "pickle",
    "marshal",
    "shelve",
    "dill",
    "cloudpickle",
    "subprocess",
    "pty",
    "ctypes",
}
FORBIDDEN_ATTRIBUTES = {
    ("yaml", "load"),
    ("yaml", "load_all"),
    ("yaml", "unsafe_load"),
    ("yaml", "unsafe_load_all"),
    ("yaml", "full_load"),
    ("yaml", "full_load_all"),
    ("yaml", "Loader"),
    ("yaml", "FullLoader"),
    ("yaml", "UnsafeLoader"),
    ("os", "system"),
    ("os", "popen"),
    ("os", "execv"),
    ("os", "execvp"),
    ("os", "spawnv"),
    ("importlib", "import_module"),
}
ALLOWED = {
    ("srm_iac/catalog/cache.py", "pickle"): "the catalog cache, read with an allow-list "
    "unpickler that accepts only catalog, enum, date and path classes and no dotted names "
    "(test_regressions: a tampered cache cannot run code)",
    ("srm_iac/yamlio.py", "yaml.load"): "with the strict safe loader only (checked below)",
    ("srm_iac/rules/registry.py", "import_module"): "imports the check families by constant "
    "module names (FAMILIES), never a name from an input",
    ("srm_iac/pulumi_pack/servicer.py", "importlib.import_module"): "imports the constant "
    "google.protobuf.json_format (the policy SDK's own dependency)",
}


def _uses(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
            if node.func.id in FORBIDDEN_CALLS:
                found.add(node.func.id)
        elif isinstance(node, ast.Import):
            found |= {a.name.split(".")[0] for a in node.names} & FORBIDDEN_MODULES
        elif isinstance(node, ast.ImportFrom) and node.module:
            root = node.module.split(".")[0]
            if root in FORBIDDEN_MODULES:
                found.add(root)
            found |= {
                alias.name for alias in node.names if (root, alias.name) in FORBIDDEN_ATTRIBUTES
            }
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            if (node.value.id, node.attr) in FORBIDDEN_ATTRIBUTES:
                found.add(f"{node.value.id}.{node.attr}")
    return found


def test_nothing_in_the_package_runs_code_from_data() -> None:
    uses = [
        (path.relative_to(REPO).as_posix(), use)
        for package in PACKAGES
        for path in sorted((REPO / package).rglob("*.py"))
        for use in sorted(_uses(path))
    ]
    assert [f"{relative}: {use}" for relative, use in uses if (relative, use) not in ALLOWED] == []


def test_the_allow_list_is_still_needed() -> None:
    for (relative, use), reason in ALLOWED.items():
        assert use in _uses(REPO / relative), f"{relative} no longer uses {use}: drop it ({reason})"


def test_yaml_is_read_with_a_safe_loader_only() -> None:
    assert issubclass(yamlio._StrictLoader, yaml.SafeLoader) or issubclass(
        yamlio._StrictLoader, getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    )
    assert "construct_python_object" not in dir(yamlio._StrictLoader)
    with pytest.raises(Exception, match="could not determine a constructor"):
        yamlio.parse_yaml("!!python/object/apply:os.system ['true']", "x", yamlio.SrmError)


def test_the_catalog_cache_refuses_every_class_outside_the_allow_list(tmp_path: Path) -> None:
    import io
    import pickle

    from srm_iac.catalog.cache import _AllowListUnpickler

    for module, name in (("os", "system"), ("builtins", "eval"), ("srm_iac.catalog.model", "re")):
        payload = pickle.dumps(None).replace(b"N", b"c" + f"{module}\n{name}\n".encode(), 1)
        with pytest.raises(pickle.UnpicklingError):
            _AllowListUnpickler(io.BytesIO(payload)).load()
    assert json.dumps(sorted(ALLOWED))  # the allow-list is plain data
