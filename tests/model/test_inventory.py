"""Resource.sets and references: enclosing expressions count, enclosing blocks do not."""

from __future__ import annotations

from tests.factories import inventory, resource


def test_sets_distinguishes_blocks_from_object_expressions() -> None:
    written = resource(
        "x_y",
        declared=frozenset(
            {
                "logging_config{}",
                "logging_config.s3_config{}",
                "logging_config.s3_config.bucket_name",
                "guardrail_configuration",
            }
        ),
    )
    assert written.sets("logging_config") is True
    assert written.sets("logging_config.s3_config.bucket_name") is True
    assert written.sets("logging_config.text_data_delivery_enabled") is False
    assert written.sets("guardrail_configuration.guardrail_identifier") is True
    assert written.sets("policy") is False
    assert resource("x_y").sets("policy") is None


def test_references_of_an_enclosing_expression_apply_below_it() -> None:
    guardrail = resource("aws_bedrock_guardrail", "g")
    agent = resource(
        "aws_bedrockagent_agent",
        "a",
        refs={"guardrail_configuration": ("aws_bedrock_guardrail.g",)},
    )
    found = inventory(guardrail, agent).referenced(
        agent, "guardrail_configuration.guardrail_identifier"
    )
    assert found == [guardrail]
    assert inventory(guardrail, agent).referencing(
        guardrail, "guardrail_configuration", "aws_bedrockagent_agent"
    ) == [agent]


def test_referenced_filters_by_type_and_keeps_input_order() -> None:
    first = resource("aws_kms_key", "k")
    first.index, first.address = 0, "aws_kms_key.k[0]"
    second = resource("aws_kms_key", "k")
    second.index, second.address = 1, "aws_kms_key.k[1]"
    looked_up = resource("aws_kms_key", "d")
    looked_up.mode, looked_up.address = "data", "data.aws_kms_key.d"
    alias = resource("aws_kms_alias", "a")
    user = resource(
        "aws_s3_bucket",
        "b",
        refs={"key": ("aws_kms_alias.a", "aws_kms_key.k", "data.aws_kms_key.d", "aws_kms_key.k")},
    )
    everything = inventory(second, alias, looked_up, user, first)
    assert everything.referenced(user, "key") == [alias, second, first, looked_up]
    assert everything.referenced(user, "key", "aws_kms_key") == [second, first, looked_up]
    assert everything.referenced(user, "key", "aws_kms_alias", "aws_kms_key") == [
        alias,
        second,
        first,
        looked_up,
    ]
    assert everything.referenced(user, "key", "aws_iam_role") == []
    assert everything.referenced(user, "other", "aws_kms_key") == []
