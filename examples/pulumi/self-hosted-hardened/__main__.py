"""The Pulumi twin of examples/terraform/self-hosted-hardened/main.tf.

The same self-hosted LLM stack with the customer's half of the controls built in: private
networking, digest-pinned images from an immutable and scanned repository, weights from S3,
data capture of requests and responses, IMDSv2, encrypted volumes, a private EKS API with
audit logs, and a budget. The Hub token is kept in Secrets Manager, not in the model.
Planned offline with fake credentials; nothing here is meant to be applied.

Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_aws as aws


ml_budgets_budget = aws.budgets.Budget(
    "ml",
    budget_type="COST",
    cost_filters=[
        {
            "name": "Service",
            "values": ["Amazon SageMaker", "Amazon Elastic Compute Cloud - Compute"],
        }
    ],
    limit_amount="6000",
    limit_unit="USD",
    name="self-hosted-ml-monthly",
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

ml_kms_key = aws.kms.Key(
    "ml",
    description="Self-hosted model data: captured traffic, notebooks",
    enable_key_rotation=True,
)

serving = aws.ecr.Repository(
    "serving",
    encryption_configuration={
        "encryption_type": "KMS",
        "kms_key": ml_kms_key.arn,
    },
    image_scanning_configuration={
        "scan_on_push": True,
    },
    image_tag_mutability="IMMUTABLE",
    name="llm-serving",
)

ml_vpc = aws.ec2.Vpc(
    "ml",
    cidr_block="10.40.0.0/16",
)

private_a = aws.ec2.Subnet(
    "private_a",
    availability_zone="us-east-1a",
    cidr_block="10.40.1.0/24",
    vpc_id=ml_vpc.id,
)

private_b = aws.ec2.Subnet(
    "private_b",
    availability_zone="us-east-1b",
    cidr_block="10.40.2.0/24",
    vpc_id=ml_vpc.id,
)

inference = aws.eks.Cluster(
    "inference",
    enabled_cluster_log_types=["api", "audit", "authenticator"],
    name="inference",
    role_arn="arn:aws:iam::123456789012:role/eks-cluster",
    vpc_config={
        "endpoint_private_access": True,
        "endpoint_public_access": False,
        "subnet_ids": private_a.id,
    },
)

gpu = aws.eks.NodeGroup(
    "gpu",
    ami_type="AL2023_x86_64_NVIDIA",
    cluster_name=inference.name,
    instance_types=["g6.2xlarge"],
    node_role_arn="arn:aws:iam::123456789012:role/eks-nodes",
    scaling_config={
        "desired_size": 1,
        "max_size": 4,
        "min_size": 0,
    },
    subnet_ids=private_a.id,
)

model = aws.ec2.SecurityGroup(
    "model",
    name="self-hosted-model",
    vpc_id=ml_vpc.id,
)

vllm = aws.ec2.Instance(
    "vllm",
    ami="ami-0123456789abcdef0",
    associate_public_ip_address=False,
    instance_type="g5.2xlarge",
    metadata_options={
        "http_endpoint": "enabled",
        "http_protocol_ipv6": "disabled",
        "http_put_response_hop_limit": 1,
        "http_tokens": "required",
    },
    root_block_device={
        "delete_on_termination": True,
        "encrypted": True,
        "kms_key_id": ml_kms_key.arn,
        "volume_size": 200,
    },
    subnet_id=private_a.id,
    tags={
        "Name": "vllm-experiments",
    },
    vpc_security_group_ids=model.id,
)

chat_sagemaker_model = aws.sagemaker.Model(
    "chat",
    enable_network_isolation=True,
    execution_role_arn="arn:aws:iam::123456789012:role/sagemaker-serving",
    name="chat-llama",
    primary_container={
        "environment": {
            "HF_MODEL_ID": "/opt/ml/model",
            "SM_NUM_GPUS": "1",
        },
        "image": serving.repository_url,
        "mode": "SingleModel",
        "model_data_url": "s3://example-ml-artifacts/llama-3.1-8b-instruct/reviewed-2024-11/model.tar.gz",
    },
    vpc_config={
        "security_group_ids": model.id,
        "subnets": private_a.id,
    },
)

chat_sagemaker_endpoint_configuration = aws.sagemaker.EndpointConfiguration(
    "chat",
    data_capture_config={
        "capture_options": {
            "capture_mode": "InputAndOutput",
        },
        "destination_s3_uri": "s3://example-ml-capture/chat",
        "enable_capture": True,
        "initial_sampling_percentage": 100,
        "kms_key_id": ml_kms_key.arn,
    },
    name="chat-llama",
    production_variants={
        "initial_instance_count": 1,
        "initial_variant_weight": 1,
        "instance_type": "ml.g5.2xlarge",
        "model_name": chat_sagemaker_model.name,
        "variant_name": "primary",
    },
)

chat_sagemaker_endpoint = aws.sagemaker.Endpoint(
    "chat",
    endpoint_config_name=chat_sagemaker_endpoint_configuration.name,
    name="chat-llama",
)

research = aws.sagemaker.NotebookInstance(
    "research",
    direct_internet_access="Disabled",
    instance_type="ml.g5.xlarge",
    kms_key_id=ml_kms_key.arn,
    name="llm-research",
    role_arn="arn:aws:iam::123456789012:role/sagemaker-serving",
    root_access="Disabled",
    security_groups=model.id,
    subnet_id=private_a.id,
)

hf_token_secretsmanager_secret = aws.secretsmanager.Secret(
    "hf_token",
    kms_key_id=ml_kms_key.arn,
    name="ml/hugging-face-token",
)

hf_token_secretsmanager_secret_version = aws.secretsmanager.SecretVersion(
    "hf_token",
    secret_id=hf_token_secretsmanager_secret.id,
    secret_string=pulumi.Output.secret("hf_ExampleTokenForSrmIacHardenedStack000"),
)
