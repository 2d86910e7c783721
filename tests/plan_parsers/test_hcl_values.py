"""HCL expression reading and evaluation: what source can know, and what it must not guess."""

from __future__ import annotations

from typing import Any

import pytest

from plan_parsers.hcl_expressions import Opaque, Traversal, parse_expression, parse_template
from plan_parsers.hcl_values import UNKNOWN, Evaluated, Evaluator, jsonencode, split


class FakeScope:
    """var.* from a dict; var.secret is sensitive; nothing else is known."""

    def __init__(self, variables: dict[str, Any]) -> None:
        self.variables = variables

    def lookup(self, root: str, name: str) -> Evaluated | None:
        if root == "var" and name in self.variables:
            return Evaluated(self.variables[name], sensitive=name == "secret")
        return None

    def resource_attribute(self, traversal: Traversal) -> Evaluated | None:
        return None


def evaluate(text: str, **variables: Any) -> Any:
    return Evaluator(FakeScope(variables)).evaluate(parse_template(text))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain", "plain"),
        ("$${literal} %%{too}", "${literal} %{too}"),
        ("${var.n}", 3),
        ("n=${var.n}", "n=3"),
        ("${var.flag ? 1 : 0}", 1),
        ("${!var.flag}", False),
        ("${var.n * 2 + 1}", 7),
        ('${var.m["k"]}', "v"),
        ("${var.l[1]}", "b"),
        ("${1e3}", 1000),
        ('${toset(["b", "a", "b"])}', ["a", "b"]),
        ("${tomap({a = 1})}", {"a": 1}),
        ("${var.n == 3 && var.flag}", True),
        ('${"x-${var.n}"}', "x-3"),
    ],
)
def test_known_values(text: str, expected: Any) -> None:
    got = evaluate(text, n=3, flag=True, m={"k": "v"}, l=["a", "b"])
    assert got == expected and type(got) is type(expected)


@pytest.mark.parametrize(
    "text",
    [
        "${var.missing}",
        "arn:${aws_kms_key.k.arn}",
        "${upper(var.s)}",
        "${[for s in var.l : s]}",
        "${aws_instance.a[*].id}",
        "%{ if var.flag }x%{ endif }",
        "${var.unknown_flag ? 1 : 0}",
        "${path.module}",
        "${jsonencode({a = aws_s3_bucket.b.arn})}",
    ],
)
def test_unknown_values(text: str) -> None:
    assert evaluate(text, flag=True, l=["a"], s="x") is UNKNOWN


def test_partly_unknown_values_keep_the_plan_shape() -> None:
    value = evaluate('${{a = "x", b = var.missing, c = [1, var.missing], d = [{e = var.missing}]}}')
    assert split(value) == ({"a": "x", "d": [{}]}, {"b": True, "c": True, "d": [{"e": True}]})
    assert split("x") == ("x", False)
    assert split(UNKNOWN) == (None, True)


def test_jsonencode_matches_terraform() -> None:
    text = (
        '${jsonencode({Version = "2012-10-17", Statement = [{Effect = "Allow", '
        'Action = ["bedrock:InvokeModel"], Resource = "*", Sid = "a<b>&c"}]})}'
    )
    assert evaluate(text) == (
        '{"Statement":[{"Action":["bedrock:InvokeModel"],"Effect":"Allow","Resource":"*",'
        '"Sid":"a\\u003cb\\u003e\\u0026c"}],"Version":"2012-10-17"}'
    )
    assert jsonencode({"b": 1.0, "a": [True, None]}) == '{"a":[true,null],"b":1.0}'


def test_sensitive_input_marks_the_result() -> None:
    evaluator = Evaluator(FakeScope({"secret": "s3cr3t", "n": 1}))
    assert evaluator.evaluate(parse_template("${var.n}")) == 1
    assert not evaluator.sensitive
    assert evaluator.evaluate(parse_template("x-${var.secret}")) == "x-s3cr3t"
    assert evaluator.sensitive


@pytest.mark.parametrize(
    ("text", "references"),
    [
        ("aws_kms_key.k.arn", ["aws_kms_key.k.arn"]),
        ('module.m["a"].out', ['module.m["a"].out']),
        ("[for s in var.l : s.arn if s.on]", ["var.l"]),
        ("{for k, v in aws_x.y : k => v.id}", ["aws_x.y"]),
        ('jsonencode({R = "${aws_s3_bucket.b.arn}/*"})', ["aws_s3_bucket.b.arn"]),
        ("data.aws_iam_policy_document.p.json", ["data.aws_iam_policy_document.p.json"]),
        ("local.a[var.i].b", ["local.a", "var.i"]),
    ],
)
def test_references(text: str, references: list[str]) -> None:
    assert list(parse_expression(text).references()) == references


def test_unreadable_text_becomes_opaque_with_its_references() -> None:
    expression = parse_expression("foo bar aws_x.y.id ] (")
    assert isinstance(expression, Opaque)
    assert "aws_x.y.id" in expression.references()


def test_heredoc_in_an_expression() -> None:
    expression = parse_expression("<<-EOT\n    a ${var.n}\n    EOT")
    assert Evaluator(FakeScope({"n": 2})).evaluate(expression) == "a 2\n"
