"""Allow ``python -m srm_iac``."""

from srm_iac.cli.main import run

run()
