"""srm-iac CrossGuard policy pack: ``pulumi preview --policy-pack policy_packs/srm-iac``.

A shell: the policies, their metadata and config schemas come from the srm-iac catalog and
engine (``srm_iac.pulumi_pack``). ``PolicyPack(...)`` serves them and never returns.
"""

from pulumi_policy import PolicyPack

from srm_iac.pulumi_pack import pack_arguments

PolicyPack(**pack_arguments())
