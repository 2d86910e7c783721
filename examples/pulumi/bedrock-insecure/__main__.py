"""The Pulumi twin of examples/terraform/bedrock-insecure/main.tf.

A Bedrock support assistant built the quick way. Every security shortcut here is deliberate:
srm-iac should flag them (see README.md). Nothing is created: the plan runs offline with fake
credentials (scripts/terraform_plan.sh).

Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_aws as aws


weak = aws.bedrock.Guardrail(
    "weak",
    blocked_input_messaging="Sorry, I cannot help with that.",
    blocked_outputs_messaging="Sorry, I cannot answer that.",
    content_policy_config={
        "filters_configs": [
            {
                "input_strength": "HIGH",
                "output_strength": "LOW",
                "type": "HATE",
            },
            {
                "input_strength": "HIGH",
                "output_strength": "LOW",
                "type": "VIOLENCE",
            },
        ],
    },
    name="support-guardrail",
)

invocation_logs = aws.s3.Bucket(
    "invocation_logs",
    bucket="example-support-bedrock-logs",
)

this = aws.bedrockmodel.InvocationLoggingConfiguration(
    "this",
    logging_config={
        "embedding_data_delivery_enabled": False,
        "image_data_delivery_enabled": False,
        "s3_config": {
            "bucket_name": invocation_logs.bucket,
        },
        "text_data_delivery_enabled": False,
        "video_data_delivery_enabled": False,
    },
)

agent = aws.iam.Role(
    "agent",
    assume_role_policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {
                        "Service": "bedrock.amazonaws.com",
                    },
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    name="support-agent",
)

faq = aws.bedrock.AgentAgent(
    "faq",
    agent_name="faq",
    agent_resource_role_arn=agent.arn,
    foundation_model="meta.llama3-70b-instruct-v1:0",
    instruction="You answer product questions. If the catalog tool fails, call the catalog API directly with access key AKIAIOSFODNN7EXAMPLE.",
)

support = aws.bedrock.AgentAgent(
    "support",
    agent_name="support",
    agent_resource_role_arn=agent.arn,
    foundation_model="anthropic.claude-3-5-sonnet-20240620-v1:0",
    guardrail_configurations=[
        {
            "guardrail_version": "DRAFT",
        }
    ],
    instruction="You help customers with their orders. Use the orders tool to look them up.",
)

tool = aws.iam.Role(
    "tool",
    assume_role_policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {
                        "Service": "lambda.amazonaws.com",
                    },
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    name="order-lookup-tool",
)

orders_lambda_function = aws.lambda_.Function(
    "orders",
    environment={
        "variables": {
            "ORDER_API_CLIENT_SECRET": pulumi.Output.secret("ord-demo-8c1f0e2b7d4a49f3b6e5"),
            "ORDER_API_URL": "https://orders.internal.example.com",
        },
    },
    function_name="order-lookup",
    handler="app.handler",
    role=tool.arn,
    runtime="python3.12",
    s3_bucket="example-agent-tools",
    s3_key="order-lookup.zip",
)

orders_bedrockagent_agent_action_group = aws.bedrock.AgentAgentActionGroup(
    "orders",
    action_group_executor={
        "lambda": orders_lambda_function.arn,
    },
    action_group_name="orders",
    agent_id=support.agent_id,
    agent_version="DRAFT",
    function_schema={
        "member_functions": {
            "functions": [
                {
                    "description": "Look up one order by its id",
                    "name": "get_order",
                    "parameters": [
                        {
                            "description": "The order id",
                            "map_block_key": "order_id",
                            "required": True,
                            "type": "string",
                        }
                    ],
                }
            ],
        },
    },
    skip_resource_in_use_check=True,
)

docs_bedrockagent_knowledge_base = aws.bedrock.AgentKnowledgeBase(
    "docs",
    knowledge_base_configuration={
        "type": "VECTOR",
        "vector_knowledge_base_configuration": {
            "embedding_model_arn": "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
        },
    },
    name="support-docs",
    role_arn="arn:aws:iam::123456789012:role/support-knowledge-base",
    storage_configuration={
        "opensearch_serverless_configuration": {
            "collection_arn": "arn:aws:aoss:us-east-1:123456789012:collection/0a1b2c3d4e5f6789",
            "field_mapping": {
                "metadata_field": "metadata",
                "text_field": "text",
                "vector_field": "embedding",
            },
            "vector_index_name": "support-docs",
        },
        "type": "OPENSEARCH_SERVERLESS",
    },
)

docs_bedrockagent_data_source = aws.bedrock.AgentDataSource(
    "docs",
    data_source_configuration={
        "s3_configuration": {
            "bucket_arn": "arn:aws:s3:::example-support-docs",
        },
        "type": "S3",
    },
    knowledge_base_id=docs_bedrockagent_knowledge_base.id,
    name="support-docs",
)

app = aws.iam.Role(
    "app",
    assume_role_policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Effect": "Allow",
                    "Principal": {
                        "Service": "ecs-tasks.amazonaws.com",
                    },
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    name="support-app",
)

invoke_any_model = aws.iam.RolePolicy(
    "invoke_any_model",
    name="invoke-any-model",
    policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                    "Effect": "Allow",
                    "Resource": "*",
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    role=app.id,
)

bedrock_full_access = aws.iam.RolePolicyAttachment(
    "bedrock_full_access",
    policy_arn="arn:aws:iam::aws:policy/AmazonBedrockFullAccess",
    role=app.name,
)

bedrock = aws.lambda_.Permission(
    "bedrock",
    action="lambda:InvokeFunction",
    function_name=orders_lambda_function.function_name,
    principal="bedrock.amazonaws.com",
    statement_id="AllowBedrock",
)

main = aws.ec2.Vpc(
    "main",
    cidr_block="10.40.0.0/16",
    enable_dns_hostnames=True,
    enable_dns_support=True,
)

private = aws.ec2.Subnet(
    "private",
    cidr_block="10.40.1.0/24",
    vpc_id=main.id,
)

bedrock_runtime = aws.ec2.VpcEndpoint(
    "bedrock_runtime",
    service_name="com.amazonaws.us-east-1.bedrock-runtime",
    subnet_ids=private.id,
    vpc_endpoint_type="Interface",
    vpc_id=main.id,
)
