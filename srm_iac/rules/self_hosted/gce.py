"""AI-SEC-006 on GPU VMs in Google Compute Engine: external IP addresses."""

from __future__ import annotations

from collections.abc import Iterator

from srm_iac.model.inventory import Resource
from srm_iac.rules.check import CheckContext, Result, failed, passed, unknown
from srm_iac.rules.targets import is_gcp_gpu


def gcp_gpu_vm_external_ip(context: CheckContext) -> Iterator[Result]:
    """SRM-SH-020: GCE instance with GPUs that has an external IP address."""
    for instance in context.inventory.of_type("google_compute_instance"):
        if is_gcp_gpu(instance):
            yield _external_ip(instance)


def _external_ip(instance: Resource) -> Result:
    attribute = "network_interface.access_config"
    interfaces = instance.each("network_interface")
    configs = [
        nic.get(kind) for nic in interfaces for kind in ("access_config", "ipv6_access_config")
    ]
    if any(config.is_known and config.value for config in configs):
        return failed(
            instance,
            "a network_interface has an access_config: the GPU VM gets an external IP address",
            attribute,
        )
    if instance.at("network_interface").is_unknown or any(c.is_unknown for c in configs):
        return unknown(instance, "the network interfaces are only known after apply", attribute)
    return passed(instance, "no access_config: the VM has no external IP address", attribute)
