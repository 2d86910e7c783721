"""Load and validate the catalog directory into one ``Catalog``.

The shipped catalog sits in the wheel at ``srm_iac/catalogs``; in a source checkout it is the
top-level ``catalogs/`` directory. ``--catalog DIR`` points at another copy. Validation runs
pydantic over every file; its result is cached by content (``srm_iac.catalog.cache``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from srm_iac.catalog import cache
from srm_iac.catalog.model import (
    Assignment,
    ChecksFile,
    CheckSpec,
    Control,
    ControlsFile,
    ProviderMap,
    RaciActivity,
    RaciFile,
)
from srm_iac.errors import CatalogError
from srm_iac.model.enums import Target
from srm_iac.validation import describe_validation_error, validate

_Model = TypeVar("_Model")


def default_catalog_dir() -> Path:
    """The catalog shipped with srm-iac (wheel layout first, then the source checkout)."""
    package = Path(__file__).resolve().parent.parent
    installed = package / "catalogs"
    return installed if installed.is_dir() else package.parent / "catalogs"


@dataclass(frozen=True)
class Catalog:
    """The validated catalog: controls, provider maps, RACI matrix and check metadata."""

    root: Path
    """Directory the catalog was loaded from."""
    controls: tuple[Control, ...]
    """The controls, in id order."""
    providers: Mapping[Target, ProviderMap]
    """One responsibility map per target."""
    raci: tuple[RaciActivity, ...]
    """The RACI matrix rows."""
    checks: tuple[CheckSpec, ...]
    """Every check's metadata, in id order."""
    _controls_by_id: dict[str, Control] = field(init=False, repr=False, compare=False)
    _checks_by_id: dict[str, CheckSpec] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_controls_by_id", {c.id: c for c in self.controls})
        object.__setattr__(self, "_checks_by_id", {c.id: c for c in self.checks})

    def control(self, control_id: str) -> Control:
        """The control with this id (KeyError if unknown)."""
        return self._controls_by_id[control_id]

    def has_control(self, control_id: str) -> bool:
        """True when the catalog defines this control id."""
        return control_id in self._controls_by_id

    def check(self, check_id: str) -> CheckSpec:
        """The check metadata with this id (KeyError if unknown)."""
        return self._checks_by_id[check_id]

    def has_check(self, check_id: str) -> bool:
        """True when the catalog defines this check id."""
        return check_id in self._checks_by_id

    def assignment(self, target: Target, control_id: str) -> Assignment:
        """Who owns ``control_id`` on ``target``."""
        return self.providers[target].assignments[control_id]


def load_catalog(root: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """The catalog at ``root``: from the cache when its files are unchanged, else validated."""
    root = root or default_catalog_dir()
    if not root.is_dir():
        raise CatalogError(f"{root}: catalog directory not found")
    files = _catalog_files(root)
    key = cache.catalog_key(files, root) if use_cache else ""
    cached = cache.load(key) if use_cache else None
    if cached is not None and cached.root == root:
        return cached
    catalog = _validate(root)
    if use_cache:
        cache.store(key, catalog)
    return catalog


def _catalog_files(root: Path) -> list[Path]:
    return sorted(path for path in root.rglob("*.yaml") if path.is_file())


def _validate(root: Path) -> Catalog:
    controls = _read(root / "controls.yaml", ControlsFile).controls
    control_ids = [control.id for control in controls]
    providers = {target: _read_provider(root, target, control_ids) for target in Target}
    raci = _read(root / "raci.yaml", RaciFile).activities
    _check_raci(root / "raci.yaml", raci, control_ids)
    checks = _read_checks(root / "checks", set(control_ids))
    return Catalog(
        root=root,
        controls=tuple(sorted(controls, key=lambda control: control.id)),
        providers=providers,
        raci=raci,
        checks=checks,
    )


def _read(path: Path, model: type[_Model]) -> _Model:
    from pydantic import ValidationError

    from srm_iac.yamlio import load_yaml

    data = load_yaml(path, CatalogError)
    try:
        return validate(model, data)
    except ValidationError as exc:
        raise CatalogError(describe_validation_error(str(path), exc, data)) from None


def _read_provider(root: Path, target: Target, control_ids: list[str]) -> ProviderMap:
    path = root / "providers" / f"{target.value}.yaml"
    provider = _read(path, ProviderMap)
    if provider.target is not target:
        raise CatalogError(f"{path}: target is {provider.target.value}, expected {target.value}")
    missing = [cid for cid in control_ids if cid not in provider.assignments]
    extra = sorted(set(provider.assignments) - set(control_ids))
    if missing:
        raise CatalogError(f"{path}: assignments: no assignment for {', '.join(missing)}")
    if extra:
        raise CatalogError(f"{path}: assignments: unknown control {', '.join(extra)}")
    return provider


def _check_raci(path: Path, raci: tuple[RaciActivity, ...], control_ids: list[str]) -> None:
    for activity in raci:
        unknown = [cid for cid in activity.controls if cid not in control_ids]
        if unknown:
            raise CatalogError(
                f"{path}: activities ({activity.id}).controls: unknown control {unknown[0]}"
            )
    covered = {cid for activity in raci for cid in activity.controls}
    uncovered = [cid for cid in control_ids if cid not in covered]
    if uncovered:
        raise CatalogError(f"{path}: no activity covers {', '.join(uncovered)}")


def _read_checks(directory: Path, control_ids: set[str]) -> tuple[CheckSpec, ...]:
    specs: dict[str, CheckSpec] = {}
    for path in sorted(directory.glob("*.yaml")) if directory.is_dir() else []:
        for spec in _read(path, ChecksFile).checks:
            if spec.id in specs:
                raise CatalogError(f"{path}: checks ({spec.id}): id defined twice")
            if spec.control not in control_ids:
                raise CatalogError(f"{path}: checks ({spec.id}).control: unknown {spec.control}")
            specs[spec.id] = spec
    return tuple(specs[check_id] for check_id in sorted(specs))


def catalog_summary(catalog: Catalog) -> dict[str, Any]:
    """Counts used by ``catalog validate`` and the reports."""
    return {
        "controls": len(catalog.controls),
        "targets": len(catalog.providers),
        "assignments": sum(len(p.assignments) for p in catalog.providers.values()),
        "raci_activities": len(catalog.raci),
        "checks": len(catalog.checks),
    }
