#!/usr/bin/env bash
# Produce plan.json for a directory of .tf files with the real Terraform CLI, offline.
# Uses the provider filesystem mirror at $TF_PLUGIN_MIRROR (default /opt/tf-plugins) and fake
# credentials; nothing is created. Usage: scripts/terraform_plan.sh DIR [DIR ...]
set -euo pipefail
mirror="${TF_PLUGIN_MIRROR:-/opt/tf-plugins}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cat > "$work/cli.tfrc" <<RC
provider_installation {
  filesystem_mirror {
    path    = "$mirror"
    include = ["registry.terraform.io/*/*"]
  }
  direct {
    exclude = ["registry.terraform.io/*/*"]
  }
}
RC
export TF_CLI_CONFIG_FILE="$work/cli.tfrc" TF_IN_AUTOMATION=1 CHECKPOINT_DISABLE=1
export AWS_ACCESS_KEY_ID=AKIAFAKEFAKEFAKEFAKE AWS_SECRET_ACCESS_KEY=fake AWS_REGION=us-east-1
for dir in "$@"; do
  (
    cd "$dir"
    terraform init -input=false -backend=false >/dev/null
    terraform plan -input=false -refresh=false -lock=false -out="$work/tfplan" >/dev/null
    terraform show -json "$work/tfplan" | python3 -m json.tool --indent 1 > plan.json
    rm -rf .terraform .terraform.lock.hcl
  )
  echo "wrote $dir/plan.json"
done
