"""Generate a deterministic Terraform source tree of N resources for the HCL benchmark.

A root module calling local modules (50 resources each), mixing ordinary and AI resources,
variables with defaults, jsonencode() policy documents and references between resources.

    python benchmarks/generate_source.py 2000 benchmarks/.data/source-2000
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

PER_MODULE = 50
PER_FILE = 10

TEMPLATES = (
    'resource "aws_s3_bucket" "b{i}" {{\n  bucket = "bucket-{i}"\n'
    "  tags = {{ team = var.team }}\n}}\n",
    'resource "aws_iam_role_policy" "p{i}" {{\n  name = "p{i}"\n  role = "role-{i}"\n'
    '  policy = jsonencode({{\n    Version = "2012-10-17"\n    Statement = [{{\n'
    '      Effect = "Allow"\n      Action = ["bedrock:InvokeModel"]\n'
    '      Resource = ["arn:aws:bedrock:us-east-1::foundation-model/amazon.nova-lite-v1:0"]\n'
    "    }}]\n  }})\n}}\n",
    'resource "aws_bedrock_guardrail" "g{i}" {{\n  name = "g{i}"\n'
    '  blocked_input_messaging = "no"\n  blocked_outputs_messaging = "no"\n'
    '  content_policy_config {{\n    filters_config {{\n      type = "PROMPT_ATTACK"\n'
    '      input_strength = "HIGH"\n      output_strength = "NONE"\n    }}\n  }}\n}}\n',
    'resource "aws_bedrockagent_agent" "a{i}" {{\n  agent_name = "a{i}"\n'
    '  agent_resource_role_arn = "arn:aws:iam::111122223333:role/a{i}"\n'
    '  foundation_model = "anthropic.claude-3-5-sonnet-20240620-v1:0"\n'
    "  guardrail_configuration {{\n"
    "    guardrail_identifier = aws_bedrock_guardrail.g{g}.guardrail_id\n"
    '    guardrail_version = "1"\n  }}\n}}\n',
    'resource "aws_instance" "i{i}" {{\n  ami = "ami-{i:08x}"\n  instance_type = "m5.large"\n'
    '  metadata_options {{\n    http_tokens = "required"\n  }}\n}}\n',
)


def generate(count: int, root: Path) -> None:
    """Write a tree of ``count`` resources under ``root`` (replacing it)."""
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    modules = (count + PER_MODULE - 1) // PER_MODULE
    calls = [
        f'module "m{m}" {{\n  source = "./modules/m{m}"\n  team = "t{m}"\n}}\n'
        for m in range(modules)
    ]
    (root / "main.tf").write_text("".join(calls))
    for module in range(modules):
        directory = root / "modules" / f"m{module}"
        directory.mkdir(parents=True)
        (directory / "variables.tf").write_text('variable "team" {\n  default = "ai"\n}\n')
        first = module * PER_MODULE
        last = min(first + PER_MODULE, count)
        for start in range(first, last, PER_FILE):
            blocks = []
            for index in range(start, min(start + PER_FILE, last)):
                kind = (index - first) % len(TEMPLATES)
                guardrail = index - 1 if kind == 3 else index
                blocks.append(TEMPLATES[kind].format(i=index, g=guardrail))
            (directory / f"r{start}.tf").write_text("\n".join(blocks))


def main() -> None:
    """Write the tree for the size given on the command line."""
    generate(int(sys.argv[1]), Path(sys.argv[2]))


if __name__ == "__main__":
    main()
