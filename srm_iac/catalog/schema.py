"""pydantic validation of catalog files into the runtime types of ``srm_iac.catalog.model``.

Imported only when a catalog file is actually validated (the shipped catalog is validated
once per content and then read from the cache, see ``srm_iac.catalog.cache``). Also holds the
annotated id types that user-file models (config, attestations) reuse.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import StringConstraints

from srm_iac.catalog.model import CHECK_ID, CONTROL_ID
from srm_iac.validation import validate

ControlId = Annotated[str, StringConstraints(pattern=f"^{CONTROL_ID.pattern}$")]
CheckId = Annotated[str, StringConstraints(pattern=f"^{CHECK_ID.pattern}$")]

__all__ = ["CheckId", "ControlId", "validate"]
