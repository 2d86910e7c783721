"""The Pulumi twin of examples/terraform/self-hosted-insecure/main.tf.

A self-hosted LLM stack on AWS as it is often first written: SageMaker endpoints serving an
open-weight model from the Hugging Face Hub, an ECR repository for an in-house embedding
image, a research notebook, a GPU VM and an EKS GPU node group. Every default is left as is.
Planned offline with fake credentials; nothing here is meant to be applied.

Same resources, logical names and settings; preview.json beside this file is what
`pulumi preview --json` shows for it (srm-iac check preview.json).
"""

import json

import pulumi
import pulumi_aws as aws


embedder_ecr_repository = aws.ecr.Repository(
    "embedder",
    name="embedding-server",
)

inference = aws.eks.Cluster(
    "inference",
    name="inference",
    role_arn="arn:aws:iam::123456789012:role/eks-cluster",
    vpc_config={
        "endpoint_private_access": False,
        "endpoint_public_access": True,
        "subnet_ids": ["subnet-0a1b2c3d4e5f67890", "subnet-0f9e8d7c6b5a43210"],
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
        "max_size": 8,
        "min_size": 0,
    },
    subnet_ids=["subnet-0a1b2c3d4e5f67890"],
)

vllm = aws.ec2.Instance(
    "vllm",
    ami="ami-0123456789abcdef0",
    instance_type="g5.2xlarge",
    tags={
        "Name": "vllm-experiments",
    },
)

chat_sagemaker_model = aws.sagemaker.Model(
    "chat",
    execution_role_arn="arn:aws:iam::123456789012:role/sagemaker-serving",
    name="chat-llama",
    primary_container={
        "environment": {
            "HF_MODEL_ID": "meta-llama/Llama-3.1-8B-Instruct",
            "HF_TOKEN": pulumi.Output.secret("hf_ExampleTokenForSrmIacInsecureStack0000"),
            "MAX_TOTAL_TOKENS": "8192",
            "SM_NUM_GPUS": "1",
        },
        "image": "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04",
        "mode": "SingleModel",
    },
)

chat_sagemaker_endpoint_configuration = aws.sagemaker.EndpointConfiguration(
    "chat",
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

embedder_sagemaker_model = aws.sagemaker.Model(
    "embedder",
    execution_role_arn="arn:aws:iam::123456789012:role/sagemaker-serving",
    name="embedder",
    primary_container={
        "image": embedder_ecr_repository.repository_url,
        "mode": "SingleModel",
        "model_data_url": "s3://example-ml-artifacts/embedder/model.tar.gz",
    },
)

embedder_sagemaker_endpoint_configuration = aws.sagemaker.EndpointConfiguration(
    "embedder",
    data_capture_config={
        "capture_options": {
            "capture_mode": "Input",
        },
        "destination_s3_uri": "s3://example-ml-capture/embedder",
        "enable_capture": True,
        "initial_sampling_percentage": 100,
    },
    name="embedder",
    production_variants={
        "initial_instance_count": 1,
        "initial_variant_weight": 1,
        "instance_type": "ml.m5.xlarge",
        "model_name": embedder_sagemaker_model.name,
        "variant_name": "primary",
    },
)

embedder_sagemaker_endpoint = aws.sagemaker.Endpoint(
    "embedder",
    endpoint_config_name=embedder_sagemaker_endpoint_configuration.name,
    name="embedder",
)

research = aws.sagemaker.NotebookInstance(
    "research",
    instance_type="ml.g5.xlarge",
    name="llm-research",
    role_arn="arn:aws:iam::123456789012:role/sagemaker-serving",
)
