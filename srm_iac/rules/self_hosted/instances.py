"""GPU hosts the customer runs itself on EC2: instances and launch templates.

Public addresses and IMDSv1 are AI-SEC-006 (who can reach the server and its credentials);
unencrypted volumes holding weights are AI-SEC-005.
"""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.model.values import Node
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.common import enum_value, join_names
from srm_iac.rules.self_hosted.scope import gpu_instances, gpu_launch_templates

PUBLIC_IP = "associate_public_ip_address"
HTTP_TOKENS = "metadata_options.http_tokens"


def gpu_instance_public_ip(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-014: GPU instance with a public IP address."""
    for instance in gpu_instances(context):
        yield _public_ip(context, instance)


def _public_ip(context: CheckContext, instance: Resource) -> Result:
    node = instance.at(PUBLIC_IP)
    if node.boolean() is True:
        return failed(
            instance,
            "associate_public_ip_address is true: the GPU host is on the internet",
            PUBLIC_IP,
        )
    if node.boolean() is False:
        return passed(instance, "no public IP address is associated", PUBLIC_IP)
    if instance.sets(PUBLIC_IP) is not False:
        return unknown(instance, "associate_public_ip_address is only known after apply", PUBLIC_IP)
    if instance.sets("network_interface") or instance.sets("launch_template"):
        return unknown(
            instance, "the public IP depends on the network interface or launch template", PUBLIC_IP
        )
    if instance.sets("subnet_id") is False:
        return failed(
            instance,
            "no subnet_id: the instance launches in the default VPC, whose default subnets give "
            "every instance a public IP address",
            "subnet_id",
        )
    return _subnet_public_ip(context, instance)


def _subnet_public_ip(context: CheckContext, instance: Resource) -> Result:
    subnets = context.inventory.referenced(instance, "subnet_id", "aws_subnet")
    if not subnets:
        return unknown(
            instance,
            "the public IP depends on the subnet's map_public_ip_on_launch; the subnet is not "
            "in this plan",
            "subnet_id",
        )
    mapping = subnets[0].at("map_public_ip_on_launch")
    if mapping.boolean() is True:
        return failed(
            instance,
            f"{subnets[0].address} gives instances a public IP on launch "
            "(map_public_ip_on_launch) and associate_public_ip_address is not false",
            "subnet_id",
        )
    if mapping.boolean() is False:
        return passed(instance, f"{subnets[0].address} assigns no public IPs", "subnet_id")
    return unknown(
        instance, "the subnet's map_public_ip_on_launch is only known after apply", "subnet_id"
    )


def gpu_instance_imdsv1(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-015: GPU instance or launch template that still accepts IMDSv1."""
    account_default = _account_requires_imdsv2(context)
    for resource in gpu_instances(context) + gpu_launch_templates(context):
        yield _imds(resource, account_default)


def _account_requires_imdsv2(context: CheckContext) -> Resource | None:
    defaults = context.inventory.of_type("aws_ec2_instance_metadata_defaults")
    required = [d for d in defaults if enum_value(d.at("http_tokens")) == "REQUIRED"]
    return required[0] if required else None


def _imds(resource: Resource, account_default: Resource | None) -> Result:
    tokens = resource.at("metadata_options", "http_tokens")
    if enum_value(resource.at("metadata_options", "http_endpoint")) == "DISABLED":
        return passed(resource, "the instance metadata service is disabled", "metadata_options")
    if enum_value(tokens) == "REQUIRED":
        return passed(resource, "IMDSv2 is required (http_tokens = required)", HTTP_TOKENS)
    if enum_value(tokens) == "OPTIONAL":
        return failed(resource, f"http_tokens is optional: {_IMDSV1_RISK}", HTTP_TOKENS)
    if tokens.is_unknown and resource.sets(HTTP_TOKENS) is not False:
        return unknown(resource, "http_tokens is only known after apply", HTTP_TOKENS)
    if resource.type == "aws_instance" and resource.sets("launch_template"):
        return unknown(resource, "the metadata options come from the launch template", HTTP_TOKENS)
    if account_default is not None:
        return passed(
            resource, f"{account_default.address} requires IMDSv2 for new instances", HTTP_TOKENS
        )
    return failed(
        resource,
        "metadata_options.http_tokens is not set to required: IMDSv1 stays on unless the AMI or "
        f"the account default requires IMDSv2, and {_IMDSV1_RISK}",
        HTTP_TOKENS,
    )


_IMDSV1_RISK = (
    "a server-side request forgery through the model server or one of its tools can read the "
    "instance role's credentials"
)


def gpu_instance_unencrypted_volume(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-016: GPU instance whose EBS volumes (model weights, caches) are not encrypted."""
    defaults = [
        d
        for d in context.inventory.of_type("aws_ebs_encryption_by_default")
        if d.at("enabled").boolean() is not False and not d.at("enabled").is_unknown
    ]
    for instance in gpu_instances(context):
        if defaults:
            yield passed(
                instance,
                f"{defaults[0].address} encrypts every new EBS volume in the region",
                "root_block_device.encrypted",
            )
        else:
            yield _volumes(instance)


def _volumes(instance: Resource) -> Result:
    volumes = [("the root volume", "root_block_device", instance.at("root_block_device"))] + [
        (_device_name(volume), "ebs_block_device", volume)
        for volume in instance.each("ebs_block_device")
    ]
    clear: list[tuple[str, str]] = []
    pending: list[tuple[str, str]] = []
    for name, block, volume in volumes:
        encrypted = volume.get("encrypted")
        if encrypted.boolean() is True:
            continue
        if encrypted.is_unknown and instance.sets(f"{block}.encrypted") is not False:
            pending.append((name, block))
        else:
            clear.append((name, block))
    if clear:
        return failed(
            instance,
            f"{join_names(n for n, _ in clear)} {'is' if len(clear) == 1 else 'are'} not "
            "encrypted (encrypted is not true): weights and cached prompts are stored in clear "
            "unless EBS encryption by default is on for the account",
            f"{clear[0][1]}.encrypted",
        )
    if pending:
        return unknown(
            instance,
            f"encryption of {join_names(n for n, _ in pending)} is only known after apply",
            f"{pending[0][1]}.encrypted",
        )
    return passed(instance, "every EBS volume is encrypted", "root_block_device.encrypted")


def _device_name(volume: Node) -> str:
    name = volume.get("device_name")
    if name.is_sensitive:
        return "an EBS volume"
    return name.string() or "an EBS volume"
