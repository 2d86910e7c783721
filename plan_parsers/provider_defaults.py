"""Schema defaults providers fill in at plan time, for attributes checks judge.

A plan shows ``local_auth_enabled = true`` on an ``azurerm_cognitive_account`` that never
wrote it, because the provider schema defaults it; source only shows absence. The source
parser adds these defaults to unwritten top-level attributes so that checks see the same
value from both inputs (``Resource.sets()`` still says the source did not write them). Every
entry is the provider's documented default and is asserted against the real and fixture
plans in the tests.
"""

from __future__ import annotations

from typing import Any

PROVIDER_DEFAULTS: dict[str, dict[str, Any]] = {
    "aws_bedrockagent_agent": {"prepare_agent": True, "skip_resource_in_use_check": False},
    "aws_bedrockagent_agent_action_group": {"prepare_agent": True},
    "aws_iam_policy": {"path": "/"},
    "aws_iam_role": {"force_detach_policies": False, "max_session_duration": 3600, "path": "/"},
    "aws_iam_service_specific_credential": {"status": "Active"},
    "aws_kms_key": {
        "bypass_policy_lockout_safety_check": False,
        "customer_master_key_spec": "SYMMETRIC_DEFAULT",
        "is_enabled": True,
        "key_usage": "ENCRYPT_DECRYPT",
    },
    "aws_s3_bucket": {"force_destroy": False},
    "aws_subnet": {"map_public_ip_on_launch": False},
    "aws_vpc": {"enable_dns_support": True, "instance_tenancy": "default"},
    "aws_vpc_endpoint": {"vpc_endpoint_type": "Gateway"},
    "azurerm_cognitive_account": {
        "local_auth_enabled": True,
        "outbound_network_access_restricted": False,
        "project_management_enabled": False,
        "public_network_access_enabled": True,
    },
    "azurerm_cognitive_deployment": {"version_upgrade_option": "OnceNewDefaultVersionAvailable"},
    "google_access_context_manager_service_perimeter": {"perimeter_type": "PERIMETER_TYPE_REGULAR"},
    "google_project": {"auto_create_network": True},
}


def with_defaults(
    resource_type: str, values: dict[str, Any], unknown: dict[str, Any]
) -> dict[str, Any]:
    """``values`` plus the provider defaults of attributes neither known nor unknown."""
    defaults = PROVIDER_DEFAULTS.get(resource_type)
    if not defaults:
        return values
    missing = {
        name: value
        for name, value in defaults.items()
        if values.get(name) is None and name not in unknown
    }
    return {**values, **missing} if missing else values
