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
