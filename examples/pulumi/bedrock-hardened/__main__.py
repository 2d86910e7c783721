"""The Pulumi twin of examples/terraform/bedrock-hardened/main.tf.

The same Bedrock support assistant as bedrock-insecure, built with the customer's half of the
shared-responsibility model in place (see README.md). Nothing is created: the plan runs offline
with fake credentials (scripts/terraform_plan.sh).

Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_aws as aws


bedrock_kms_key = aws.kms.Key(
    "bedrock",
    description="Bedrock agent, guardrail and knowledge-base data",
    enable_key_rotation=True,
)

support_bedrock_guardrail = aws.bedrock.Guardrail(
    "support",
    blocked_input_messaging="Sorry, I cannot help with that.",
    blocked_outputs_messaging="Sorry, I cannot answer that.",
    content_policy_config={
        "filters_configs": [
            {
                "input_strength": "HIGH",
                "output_strength": "HIGH",
                "type": "HATE",
            },
            {
                "input_strength": "HIGH",
                "output_strength": "HIGH",
                "type": "INSULTS",
            },
            {
                "input_strength": "HIGH",
                "output_strength": "HIGH",
                "type": "MISCONDUCT",
            },
            {
                "input_strength": "HIGH",
                "output_strength": "HIGH",
                "type": "SEXUAL",
            },
            {
                "input_strength": "HIGH",
                "output_strength": "HIGH",
                "type": "VIOLENCE",
            },
            {
                "input_strength": "HIGH",
                "output_strength": "NONE",
                "type": "PROMPT_ATTACK",
            },
        ],
    },
    contextual_grounding_policy_config={
        "filters_configs": [
            {
                "threshold": 0.75,
                "type": "GROUNDING",
            },
            {
                "threshold": 0.75,
                "type": "RELEVANCE",
            },
        ],
    },
    kms_key_arn=bedrock_kms_key.arn,
    name="support-guardrail",
    sensitive_information_policy_config={
        "pii_entities_configs": [
            {
                "action": "ANONYMIZE",
                "type": "EMAIL",
            },
            {
                "action": "ANONYMIZE",
                "type": "PHONE",
            },
            {
                "action": "BLOCK",
                "type": "CREDIT_DEBIT_CARD_NUMBER",
            },
            {
                "action": "BLOCK",
                "type": "AWS_SECRET_KEY",
            },
        ],
    },
)

support_bedrock_guardrail_version = aws.bedrock.GuardrailVersion(
    "support",
    description="Reviewed by Trust & Safety",
    guardrail_arn=support_bedrock_guardrail.guardrail_arn,
)

invocation_logs_s3_bucket = aws.s3.Bucket(
    "invocation_logs",
    bucket_prefix="support-bedrock-logs-",
)

invocation_logs_s3_bucket_policy = aws.s3.BucketPolicy(
    "invocation_logs",
    bucket=invocation_logs_s3_bucket.id,
    policy=invocation_logs_s3_bucket.arn.apply(
        lambda arn: json.dumps(
            {
                "Version": "2012-10-17",
                "Statement": [
                    {
                        "Sid": "BedrockInvocationLogs",
                        "Effect": "Allow",
                        "Principal": {"Service": "bedrock.amazonaws.com"},
                        "Action": "s3:PutObject",
                        "Resource": f"{arn}/AWSLogs/123456789012/BedrockModelInvocationLogs/*",
                        "Condition": {
                            "StringEquals": {"aws:SourceAccount": "123456789012"},
                            "ArnLike": {
                                "aws:SourceArn": "arn:aws:bedrock:us-east-1:123456789012:*"
                            },
                        },
                    }
                ],
            }
        )
    ),
)

this = aws.bedrockmodel.InvocationLoggingConfiguration(
    "this",
    logging_config={
        "embedding_data_delivery_enabled": False,
        "image_data_delivery_enabled": False,
        "s3_config": {
            "bucket_name": invocation_logs_s3_bucket.id,
            "key_prefix": "bedrock",
        },
        "text_data_delivery_enabled": True,
        "video_data_delivery_enabled": False,
    },
    opts=pulumi.ResourceOptions(depends_on=[invocation_logs_s3_bucket_policy]),
)

agent = aws.iam.Role(
    "agent",
    assume_role_policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": "sts:AssumeRole",
                    "Condition": {
                        "StringEquals": {
                            "aws:SourceAccount": "123456789012",
                        },
                    },
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

support_bedrockagent_agent = aws.bedrock.AgentAgent(
    "support",
    agent_name="support",
    agent_resource_role_arn=agent.arn,
    customer_encryption_key_arn=bedrock_kms_key.arn,
    foundation_model="anthropic.claude-3-5-sonnet-20240620-v1:0",
    guardrail_configurations=[{}],
    instruction="You help customers with their orders. Use the orders tool to look them up, and answer product questions from the knowledge base only.",
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
            "ORDER_API_URL": "https://orders.internal.example.com",
        },
    },
    function_name="order-lookup",
    handler="app.handler",
    kms_key_arn=bedrock_kms_key.arn,
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
    agent_id=support_bedrockagent_agent.agent_id,
    agent_version="DRAFT",
    function_schema={
        "member_functions": {
            "functions": [
                {
                    "description": "Look up one order by its id (read-only)",
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

docs_s3_bucket = aws.s3.Bucket(
    "docs",
    bucket_prefix="support-docs-",
    tags={
        "DataSteward": pulumi.Output.secret("steward-7f3a9c@example.com"),
    },
)

docs_bedrockagent_data_source = aws.bedrock.AgentDataSource(
    "docs",
    data_deletion_policy="DELETE",
    data_source_configuration={
        "s3_configuration": {
            "bucket_arn": docs_s3_bucket.arn,
            "inclusion_prefixes": ["published/"],
        },
        "type": "S3",
    },
    knowledge_base_id=docs_bedrockagent_knowledge_base.id,
    name="support-docs",
    server_side_encryption_configuration={
        "kms_key_arn": bedrock_kms_key.arn,
    },
)

bedrock_budgets_budget = aws.budgets.Budget(
    "bedrock",
    budget_type="COST",
    cost_filters=[
        {
            "name": "Service",
            "values": ["Amazon Bedrock"],
        }
    ],
    limit_amount="1500",
    limit_unit="USD",
    name="bedrock-monthly",
    notifications=[
        {
            "comparison_operator": "GREATER_THAN",
            "notification_type": "ACTUAL",
            "subscriber_email_addresses": ["ml-platform@example.com"],
            "threshold": 100,
            "threshold_type": "PERCENTAGE",
        },
        {
            "comparison_operator": "GREATER_THAN",
            "notification_type": "FORECASTED",
            "subscriber_email_addresses": ["ml-platform@example.com"],
            "threshold": 80,
            "threshold_type": "PERCENTAGE",
        },
    ],
    time_unit="MONTHLY",
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

agent_invoke = aws.iam.RolePolicy(
    "agent_invoke",
    name="invoke-approved-model",
    policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                    "Effect": "Allow",
                    "Resource": [
                        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0"
                    ],
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    role=agent.id,
)

app_invoke = aws.iam.RolePolicy(
    "app_invoke",
    name="invoke-approved-models",
    policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                    "Effect": "Allow",
                    "Resource": [
                        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0",
                        "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
                    ],
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    role=app.id,
)

logs = aws.kms.Key(
    "logs",
    description="Bedrock invocation logs",
    enable_key_rotation=True,
)

bedrock_lambda_permission = aws.lambda_.Permission(
    "bedrock",
    action="lambda:InvokeFunction",
    function_name=orders_lambda_function.function_name,
    principal="bedrock.amazonaws.com",
    source_account="123456789012",
    source_arn=support_bedrockagent_agent.agent_arn,
    statement_id="AllowSupportAgent",
)

invocation_logs_s3_bucket_public_access_block = aws.s3.BucketPublicAccessBlock(
    "invocation_logs",
    block_public_acls=True,
    block_public_policy=True,
    bucket=invocation_logs_s3_bucket.id,
    ignore_public_acls=True,
    restrict_public_buckets=True,
)

invocation_logs_s3_bucket_server_side_encryption_configuration = (
    aws.s3.BucketServerSideEncryptionConfiguration(
        "invocation_logs",
        bucket=invocation_logs_s3_bucket.id,
        rules=[
            {
                "apply_server_side_encryption_by_default": {
                    "kms_master_key_id": logs.arn,
                    "sse_algorithm": "aws:kms",
                },
            }
        ],
    )
)

main = aws.ec2.Vpc(
    "main",
    cidr_block="10.40.0.0/16",
    enable_dns_hostnames=True,
    enable_dns_support=True,
)

bedrock_endpoints = aws.ec2.SecurityGroup(
    "bedrock_endpoints",
    ingress={
        "cidr_blocks": ["10.40.0.0/16"],
        "description": "HTTPS from the VPC",
        "from_port": 443,
        "protocol": "tcp",
        "self": False,
        "to_port": 443,
    },
    name="bedrock-endpoints",
    vpc_id=main.id,
)

private_a = aws.ec2.Subnet(
    "private_a",
    availability_zone="us-east-1a",
    cidr_block="10.40.1.0/24",
    vpc_id=main.id,
)

private_b = aws.ec2.Subnet(
    "private_b",
    availability_zone="us-east-1b",
    cidr_block="10.40.2.0/24",
    vpc_id=main.id,
)

bedrock_agent_runtime = aws.ec2.VpcEndpoint(
    "bedrock_agent_runtime",
    policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": [
                        "bedrock:InvokeAgent",
                        "bedrock:Retrieve",
                        "bedrock:RetrieveAndGenerate",
                    ],
                    "Condition": {
                        "StringEquals": {
                            "aws:PrincipalOrgID": "o-a1b2c3d4e5",
                        },
                    },
                    "Effect": "Allow",
                    "Principal": "*",
                    "Resource": "arn:aws:bedrock:us-east-1:123456789012:*",
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    private_dns_enabled=True,
    security_group_ids=bedrock_endpoints.id,
    service_name="com.amazonaws.us-east-1.bedrock-agent-runtime",
    subnet_ids=private_a.id,
    vpc_endpoint_type="Interface",
    vpc_id=main.id,
)

bedrock_runtime = aws.ec2.VpcEndpoint(
    "bedrock_runtime",
    policy=json.dumps(
        {
            "Statement": [
                {
                    "Action": ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"],
                    "Condition": {
                        "StringEquals": {
                            "aws:PrincipalOrgID": "o-a1b2c3d4e5",
                        },
                    },
                    "Effect": "Allow",
                    "Principal": "*",
                    "Resource": [
                        "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0",
                        "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0",
                    ],
                }
            ],
            "Version": "2012-10-17",
        }
    ),
    private_dns_enabled=True,
    security_group_ids=bedrock_endpoints.id,
    service_name="com.amazonaws.us-east-1.bedrock-runtime",
    subnet_ids=private_a.id,
    vpc_endpoint_type="Interface",
    vpc_id=main.id,
)
