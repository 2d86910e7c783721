"""srm-iac: shared-responsibility checks for AI infrastructure, before it is created."""

__version__ = "0.1.0"
