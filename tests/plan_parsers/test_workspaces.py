"""Workspace discovery over a monorepo: each plan, preview or source directory counts once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from plan_parsers.workspaces import discover_workspaces
from srm_iac.errors import InputError
from tests.conftest import REPO

EXAMPLES = REPO / "examples"


def _tree(root: Path) -> Path:
    """plan-only, plan next to .tf, .tf-only with a module, preview, hidden and empty folders."""
    shutil.copy(EXAMPLES / "terraform/bedrock-insecure/plan.json", _dir(root / "apps/chat"))
    shutil.copytree(EXAMPLES / "terraform/vertex-ai-insecure", root / "apps/search")
    source = _dir(root / "platform/azure")
    shutil.copy(EXAMPLES / "terraform/azure-openai-insecure/main.tf", source)
    (_dir(source / "modules/net") / "main.tf").write_text('variable "x" {}\n')
    shutil.copy(EXAMPLES / "pulumi/bedrock-hardened/preview.json", _dir(root / "pulumi/bot"))
    (_dir(root / "apps/chat/.terraform/modules/m") / "main.tf").write_text("")
    (_dir(root / "node_modules/pkg") / "plan.json").write_text("{}")
    _dir(root / "docs")
    return root


def _dir(path: Path) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    return path


def _names(root: Path, *paths: str) -> list[str]:
    found = discover_workspaces([str(root / p) if p else str(root) for p in paths or ("",)])
    return [Path(w.name).relative_to(root).as_posix() for w in found]


def test_monorepo_walk(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert _names(root) == ["apps/chat", "apps/search", "platform/azure", "pulumi/bot"]


def test_a_plan_reached_twice_counts_once(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    names = _names(root, "apps", "apps/chat/plan.json", "apps/search/plan.json", "apps/chat")
    assert names == ["apps/chat", "apps/search"]


def test_files_and_stdin_are_workspaces_of_their_own(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    found = discover_workspaces([str(root / "pulumi/bot/preview.json"), "-"])
    assert [w.path for w in found] == [str(root / "pulumi/bot/preview.json"), "-"]
    assert found[1].name == "-"


def test_a_workspace_directory_is_not_walked(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    assert _names(root, "platform") == ["platform/azure"]
    assert _names(root, "platform/azure/modules/net") == ["platform/azure/modules/net"]


def test_symlinked_directories_are_not_followed(tmp_path: Path) -> None:
    root = _tree(tmp_path / "repo")
    (root / "link").symlink_to(root / "apps", target_is_directory=True)
    assert "link/chat" not in _names(root)


def test_nothing_to_read_is_an_input_error(tmp_path: Path) -> None:
    root = _tree(tmp_path)
    with pytest.raises(InputError, match="no workspace under this directory"):
        discover_workspaces([str(root / "docs")])
    with pytest.raises(InputError, match="no such file or directory"):
        discover_workspaces([str(root / "absent")])
