"""The Pulumi CrossGuard policy pack's logic (the pack in ``policy_packs/srm-iac`` is a shell).

``pack_arguments()`` builds everything ``PolicyPack(...)`` needs from the catalog: a policy per
check (resource or stack policy, see ``scope``), the audit stack policy, config schemas
(``settings``). Policies map the analyzer's resources with the same Pulumi type mapping as
``srm-iac check preview.json`` (``plan_parsers.pulumi_types``) and run the same engine. Stack
policies share one reading of the stack per ``AnalyzeStack`` call (``servicer``, ``analysis``).
Requires the ``pulumi`` extra (``pip install 'srm-iac[pulumi]'``).
"""

from srm_iac.pulumi_pack.policies import AUDIT_POLICY, PACK_NAME, build_policies, pack_arguments

__all__ = ["AUDIT_POLICY", "PACK_NAME", "build_policies", "pack_arguments"]
