"""AI-SEC-006 on ML workspaces: SageMaker notebooks and Studio domains, Azure ML workspaces.

Each setting below is unsafe by default, so leaving it out of the configuration is a FAIL.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value


def _enum_setting(
    resource: Resource, attribute: str, safe: str, safe_message: str, unsafe_message: str
) -> Result:
    node = resource.at(attribute)
    if enum_value(node) == safe.upper():
        return passed(resource, safe_message, attribute)
    if node.is_unknown:
        return unknown(resource, f"{attribute} is only known after apply", attribute)
    return failed(resource, unsafe_message, attribute)


def notebook_direct_internet(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-009: SageMaker notebook instance with direct internet access."""
    for notebook in context.inventory.of_type("aws_sagemaker_notebook_instance"):
        yield _enum_setting(
            notebook,
            "direct_internet_access",
            "Disabled",
            "direct internet access is disabled: traffic goes through your VPC",
            "direct_internet_access is not Disabled (Enabled is the default): the notebook "
            "reaches the internet around your VPC's controls, a path for data and model "
            "exfiltration",
        )


def notebook_root_access(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-010: SageMaker notebook instance that gives its users root."""
    for notebook in context.inventory.of_type("aws_sagemaker_notebook_instance"):
        yield _enum_setting(
            notebook,
            "root_access",
            "Disabled",
            "notebook users have no root access",
            "root_access is not Disabled (Enabled is the default): any notebook user can "
            "become root, change the instance and read other users' data and credentials",
        )


def studio_domain_public_internet(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-011: SageMaker Studio domain whose apps reach the internet directly."""
    for domain in context.inventory.of_type("aws_sagemaker_domain"):
        yield _enum_setting(
            domain,
            "app_network_access_type",
            "VpcOnly",
            "Studio apps use only your VPC (VpcOnly)",
            "app_network_access_type is not VpcOnly (PublicInternetOnly is the default): "
            "Studio apps reach the internet through SageMaker's network, not your VPC",
        )


def azure_ml_workspace_public(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-019: Azure Machine Learning workspace reachable from public networks."""
    attribute = "public_network_access_enabled"
    for workspace in context.inventory.of_type("azurerm_machine_learning_workspace"):
        node = workspace.at(attribute)
        if node.boolean() is False:
            yield passed(workspace, "public network access is disabled", attribute)
        elif node.is_unknown:
            yield unknown(workspace, f"{attribute} is only known after apply", attribute)
        else:
            yield failed(
                workspace,
                "public_network_access_enabled is true (the default): the workspace API and "
                "studio, with its models, data and jobs, are reachable from the internet",
                attribute,
            )
