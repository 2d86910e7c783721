"""Address tokenising: keys may hold dots, brackets and quotes."""

from __future__ import annotations

from plan_parsers.addresses import Key, Reference, module_path, parse_reference, tokenize


def test_tokenize_keys_with_dots_and_brackets() -> None:
    steps = tokenize('module.a["k.x]"].module.b[0].aws_s3_bucket.c')
    assert steps == ["module", "a", Key("k.x]"), "module", "b", Key(0), "aws_s3_bucket", "c"]


def test_module_path_strips_instance_keys() -> None:
    assert module_path('module.outer[0].module.inner["a.b"]') == ("outer", "inner")
    assert module_path("") == ()


def test_parse_reference_kinds() -> None:
    assert parse_reference("aws_iam_role.r.arn") == Reference("resource", "aws_iam_role.r")
    assert parse_reference('aws_vpc_endpoint.e["bedrock-runtime"]') == Reference(
        "resource", "aws_vpc_endpoint.e"
    )
    assert parse_reference("data.aws_iam_policy_document.d.json") == Reference(
        "data", "data.aws_iam_policy_document.d"
    )
    assert parse_reference("module.guard.guardrail_id") == Reference(
        "module", "guard", "guardrail_id"
    )
    for ignored in ("var.x", "local.y", "each.value", "count.index", "path.module", "module.m"):
        assert parse_reference(ignored) is None
