"""AI-SEC-006 on SageMaker models: network isolation and VPC placement of the serving container."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import vpc_attachment
from srm_iac.rules.self_hosted.scope import SAGEMAKER_MODEL


def model_without_network_isolation(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-004: SageMaker model whose container may open outbound connections."""
    attribute = "enable_network_isolation"
    for model in context.inventory.of_type(SAGEMAKER_MODEL):
        node = model.at(attribute)
        if node.boolean() is True:
            yield passed(model, "the container runs with network isolation", attribute)
        elif node.is_unknown:
            yield unknown(model, "enable_network_isolation is only known after apply", attribute)
        else:
            yield failed(
                model,
                "enable_network_isolation is not true: the serving container can make outbound "
                "calls, to fetch code or weights at run time or to send data out",
                attribute,
            )


def model_outside_vpc(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-005: SageMaker model that is not attached to the customer's VPC."""
    for model in context.inventory.of_type(SAGEMAKER_MODEL):
        yield vpc_attachment(
            model,
            "subnets",
            inside="the model's containers run in the customer's subnets",
            outside="no vpc_config: the containers use SageMaker's network, outside your "
            "security groups, flow logs and VPC endpoints",
        )
