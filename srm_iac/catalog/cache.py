"""A cache of the validated catalog, so a run does not pay for validating unchanged files.

The key is a digest of the srm-iac version, the catalog model's source and every catalog
file's bytes: any edit to the catalog (or to srm-iac) misses the cache and validates again.
The cache is a pickle read with an allow-list unpickler: only catalog, enum, date and path
classes can be built from it (never a dotted name, which would reach any attribute of an
allowed module), so a tampered cache file cannot run code. Every failure to read
or write the cache is ignored (the catalog is then validated as if there were no cache).

Location: ``$SRM_IAC_CACHE_DIR``, else ``$XDG_CACHE_HOME/srm-iac``, else ``~/.cache/srm-iac``.
``SRM_IAC_CACHE_DIR=off`` disables it.
"""

from __future__ import annotations

import io
import os
import pickle
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from srm_iac import __version__
from srm_iac.digest import sha256

if TYPE_CHECKING:
    from srm_iac.catalog.loader import Catalog

CACHE_VARIABLE = "SRM_IAC_CACHE_DIR"
_ALLOWED = {
    "srm_iac.catalog.model": None,
    "srm_iac.catalog.loader": {"Catalog"},
    "srm_iac.model.enums": None,
    "datetime": {"date"},
    "pathlib": {"Path", "PosixPath", "WindowsPath", "PurePosixPath", "PureWindowsPath"},
    "copyreg": {"__newobj__", "_reconstructor"},
    "builtins": {"object", "tuple", "dict", "list", "frozenset", "set"},
}


def cache_dir() -> Path | None:
    """Where the cache lives, or None when it is turned off."""
    configured = os.environ.get(CACHE_VARIABLE)
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "srm-iac"


def catalog_key(files: Iterable[Path], root: Path) -> str:
    """Digest of the srm-iac version, the model's source and the catalog files."""
    digest = sha256(__version__.encode())
    digest.update((Path(__file__).parent / "model.py").read_bytes())
    for path in sorted(files):
        digest.update(str(path.relative_to(root)).encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()[:32]


class _AllowListUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        """Only the listed names, and only classes defined in the modules allowed as a whole.

        A dotted name would walk attributes (``re.enum.bltns.exec`` from the catalog model
        module is Python's ``exec``), so none is accepted.
        """
        allowed = _ALLOWED.get(module, ())
        if "." in name or module not in _ALLOWED or (allowed is not None and name not in allowed):
            raise pickle.UnpicklingError(f"{module}.{name} is not allowed in the catalog cache")
        found = super().find_class(module, name)
        if allowed is None and not (isinstance(found, type) and found.__module__ == module):
            raise pickle.UnpicklingError(f"{module}.{name} is not a class of {module}")
        return found


def load(key: str) -> Catalog | None:
    """The cached catalog for ``key``, or None."""
    directory = cache_dir()
    if directory is None:
        return None
    try:
        data = (directory / f"catalog-{key}.pickle").read_bytes()
        catalog = _AllowListUnpickler(io.BytesIO(data)).load()
    except Exception:  # noqa: BLE001 - a bad cache is a cache miss
        return None
    from srm_iac.catalog.loader import Catalog

    return catalog if isinstance(catalog, Catalog) else None


def store(key: str, catalog: Catalog) -> None:
    """Write the catalog for ``key``; silently does nothing when the cache is not writable."""
    directory = cache_dir()
    if directory is None:
        return
    import tempfile  # only on a cache miss

    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, delete=False, suffix=".tmp") as handle:
            pickle.dump(catalog, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(handle.name, directory / f"catalog-{key}.pickle")
    except OSError:
        return
