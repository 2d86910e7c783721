"""Terraform source for the fuzzer: generated configurations and mutated fixture files.

Generated configurations use what the HCL scanner evaluates (variables, sensitive ones
included, locals, count / for_each, modules' outputs, jsonencode, templates, conditionals,
for expressions, splats, dynamic blocks) on AI resource types, so the checks run on them.
Text mutations then cut, splice, nest and re-encode the text.
"""

from __future__ import annotations

from functools import cache

from hypothesis import strategies as st

from tests.robustness.mutations import BOMS, INVALID_SEQUENCES, encoded

AI_TYPES = (
    "aws_bedrock_guardrail",
    "aws_bedrockagent_agent",
    "aws_bedrock_model_invocation_logging_configuration",
    "aws_sagemaker_endpoint_configuration",
    "azurerm_cognitive_account",
    "azurerm_cognitive_deployment",
    "google_vertex_ai_endpoint",
    "google_vertex_ai_index_endpoint",
)
ATTRIBUTES = (
    "name",
    "kms_key_arn",
    "public_network_access_enabled",
    "local_auth_enabled",
    "instruction",
    "tags",
    "model_id",
    "foundation_model",
    "guardrail_configuration",
    "network_acls",
    "encryption_spec",
)
BLOCKS = ("content_policy_config", "logging_config", "network_acls", "encryption_spec", "filters")
NAMES = ("a", "b", "secret", "x-y", "_z")

COMMON_NUMBERS = ("0", "1", "-1", "3.5", "1e3", "42")
RARE_NUMBERS = ("1e309", "2e-400", "9" * 400, "1" * 5000, "0x10")
NUMBERS = COMMON_NUMBERS * 16 + RARE_NUMBERS
"""Mostly ordinary numbers: a huge one makes python-hcl2 refuse the whole file."""

_identifiers = st.sampled_from(NAMES)


@cache
def _number() -> st.SearchStrategy[str]:
    return st.sampled_from(NUMBERS)


@cache
def _string() -> st.SearchStrategy[str]:
    pieces = st.sampled_from(
        [
            "abc",
            "${var.a}",
            "${local.b}",
            "$${x}",
            "%{if true}y%{endif}",
            "\\n",
            "\\u00e9",
            '\\"',
            "é",
        ]
    )
    return st.lists(pieces, max_size=4).map(lambda parts: '"' + "".join(parts) + '"')


@cache
def _traversal() -> st.SearchStrategy[str]:
    return st.one_of(
        st.builds("var.{}".format, _identifiers),
        st.builds("local.{}".format, _identifiers),
        st.sampled_from(["each.key", "each.value", "count.index", "module.m.out", "path.module"]),
        st.builds(lambda t, n: f"{t}.{n}.id", st.sampled_from(AI_TYPES), _identifiers),
        st.builds(lambda t: f"{t}.x[*].arn", st.sampled_from(AI_TYPES)),
        st.just("data.aws_iam_policy_document.p.json"),
    )


@cache
def expressions() -> st.SearchStrategy[str]:
    """HCL expressions of every kind the scanner reads (and some it cannot)."""
    leaves = st.one_of(
        _number(), _string(), _traversal(), st.sampled_from(["true", "false", "null"])
    )

    def compound(inner: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
        return st.one_of(
            st.lists(inner, max_size=3).map(lambda items: "[" + ", ".join(items) + "]"),
            st.lists(st.tuples(_identifiers, inner), max_size=3).map(
                lambda items: "{" + ", ".join(f"{k} = {v}" for k, v in items) + "}"
            ),
            st.builds(
                lambda f, args: f"{f}({', '.join(args)})",
                st.sampled_from(["jsonencode", "toset", "tolist", "tomap", "lookup", "merge"]),
                st.lists(inner, max_size=2),
            ),
            st.builds(lambda c, a, b: f"{c} ? {a} : {b}", inner, inner, inner),
            st.builds(
                lambda a, op, b: f"{a} {op} {b}",
                inner,
                st.sampled_from(["+", "-", "*", "/", "%", "==", "!=", "&&", "||", "<"]),
                inner,
            ),
            st.builds(lambda op, a: f"{op}({a})", st.sampled_from(["!", "-"]), inner),
            st.builds(lambda a: f"[for v in {a} : v]", inner),
            st.builds(lambda a: f"{{for k, v in {a} : k => v}}", inner),
            st.builds(lambda a: f"({a})", inner),
            st.builds(lambda a: f'"prefix-${{{a}}}-suffix"', inner),
        )

    return st.recursive(leaves, compound, max_leaves=8)


@cache
def _attribute() -> st.SearchStrategy[str]:
    return st.builds(
        lambda name, value: f"  {name} = {value}\n", st.sampled_from(ATTRIBUTES), expressions()
    )


def _dynamic_block(block: str, source: str, inner: str) -> str:
    return f'  dynamic "{block}" {{\n    for_each = {source}\n    content {{\n{inner}    }}\n  }}\n'


@cache
def _body(depth: int = 2) -> st.SearchStrategy[str]:
    attributes = st.lists(_attribute(), max_size=4).map("".join)
    if depth == 0:
        return attributes
    nested = st.builds(
        lambda block, inner: f"  {block} {{\n{inner}  }}\n",
        st.sampled_from(BLOCKS),
        _body(depth - 1),
    )
    dynamic = st.builds(_dynamic_block, st.sampled_from(BLOCKS), expressions(), _body(0))
    meta = st.builds(
        lambda kind, value: f"  {kind} = {value}\n",
        st.sampled_from(["count", "for_each", "depends_on", "provider"]),
        expressions(),
    )
    return st.lists(st.one_of(attributes, nested, dynamic, meta), max_size=4).map("".join)


@cache
def _block() -> st.SearchStrategy[str]:
    resource = st.builds(
        lambda type_, name, body: f'resource "{type_}" "{name}" {{\n{body}}}\n',
        st.sampled_from(AI_TYPES),
        _identifiers,
        _body(),
    )
    variable = st.builds(
        lambda name, sensitive, default: (
            f'variable "{name}" {{\n  sensitive = {sensitive}\n  default = {default}\n}}\n'
        ),
        _identifiers,
        st.sampled_from(["true", "false", '"yes"']),
        expressions(),
    )
    local_values = st.lists(
        st.builds(lambda name, value: f"  {name} = {value}\n", _identifiers, expressions()),
        max_size=4,
    ).map(lambda lines: "locals {\n" + "".join(lines) + "}\n")
    output = st.builds(
        lambda name, value: f'output "{name}" {{\n  value = {value}\n  sensitive = true\n}}\n',
        _identifiers,
        expressions(),
    )
    module = st.builds(
        lambda name, source, arguments: f'module "{name}" {{\n  source = {source}\n{arguments}}}\n',
        _identifiers,
        st.sampled_from(
            ['"./"', '"../"', '"./missing"', '"git::https://example.com/x.git"', "var.a"]
        ),
        st.lists(_attribute(), max_size=2).map("".join),
    )
    policy = st.builds(
        lambda body: f'data "aws_iam_policy_document" "p" {{\n  statement {{\n{body}  }}\n}}\n',
        st.lists(
            st.builds(
                lambda name, value: f"    {name} = {value}\n",
                st.sampled_from(["actions", "resources", "effect", "sid"]),
                expressions(),
            ),
            max_size=3,
        ).map("".join),
    )
    return st.one_of(resource, resource, variable, local_values, output, module, policy)


@cache
def configurations() -> st.SearchStrategy[str]:
    """A whole ``main.tf`` of generated blocks."""
    return st.lists(_block(), min_size=1, max_size=6).map("\n".join)


@cache
def variable_files() -> st.SearchStrategy[str]:
    """A generated ``terraform.tfvars``."""
    return st.lists(
        st.builds(lambda name, value: f"{name} = {value}\n", _identifiers, expressions()),
        max_size=6,
    ).map("".join)


NESTERS = (
    ("[", "]"),
    ("(", ")"),
    ("{a = ", "}"),
    ("f(", ")"),
    ("-", ""),
    ("!", ""),
    ("1 + ", ""),
    ('"${', '}"'),
    ("x {\n", "}\n"),
    ("true ? ", " : 0"),
)


@st.composite
def nested_text(draw: st.DrawFn) -> str:
    """An attribute nested far beyond Python's recursion limit, or just below the scanner's."""
    opener, closer = draw(st.sampled_from(NESTERS))
    levels = draw(st.sampled_from([50, 101, 150, 400, 1000, 20_000]))
    inner = opener * levels + "1" + closer * levels
    if opener.endswith("{\n"):
        return 'resource "aws_bedrock_guardrail" "g" {\n' + inner + "}\n"
    return 'resource "aws_bedrock_guardrail" "g" {\n  name = ' + inner + "\n}\n"


TOKENS = (
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    '"',
    "${",
    "%{",
    "<<EOF\n",
    "EOF\n",
    "=",
    "\n",
    "#",
    "/*",
    "*/",
    "\\",
    "\x00",
    "é",
    "\ud800",
)


@st.composite
def mutated_text(draw: st.DrawFn, text: str) -> str:
    """``text`` with a token inserted, a range cut or duplicated, or cut short."""
    for _ in range(draw(st.integers(1, 3))):
        kind = draw(st.sampled_from(["insert", "cut", "duplicate", "truncate"]))
        position = draw(st.integers(0, len(text)))
        if kind == "insert":
            text = text[:position] + draw(st.sampled_from(TOKENS)) + text[position:]
        elif kind == "cut":
            end = draw(st.integers(position, min(len(text), position + 40)))
            text = text[:position] + text[end:]
        elif kind == "duplicate":
            end = draw(st.integers(position, min(len(text), position + 200)))
            text = text[:end] + text[position:end] + text[end:]
        else:
            text = text[:position]
    return text


@st.composite
def source_bytes(draw: st.DrawFn, seeds: list[str], generated: st.SearchStrategy[str]) -> bytes:
    """A file's bytes: generated or a seed, maybe mutated, nested, re-encoded or corrupted."""
    kind = draw(st.sampled_from(["generated", "generated", "seed", "mutated", "nested"]))
    if kind == "generated":
        text = draw(generated)
    elif kind == "nested":
        text = draw(nested_text())
    else:
        text = draw(st.sampled_from(seeds)) if seeds else draw(generated)
        if kind == "mutated":
            text = draw(mutated_text(text))
    data = draw(encoded(text))
    corruption = draw(st.sampled_from(["none", "none", "none", "invalid", "bom"]))
    if corruption == "invalid" and data:
        position = draw(st.integers(0, len(data)))
        data = data[:position] + draw(st.sampled_from(INVALID_SEQUENCES)) + data[position:]
    elif corruption == "bom":
        data = draw(st.sampled_from(BOMS)) + data
    return data
