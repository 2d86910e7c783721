# The same self-hosted LLM stack with the customer's half of the controls built in: private
# networking, digest-pinned images from an immutable and scanned repository, weights from S3,
# data capture of requests and responses, IMDSv2, encrypted volumes, a private EKS API with
# audit logs, and a budget. The Hub token is kept in Secrets Manager, not in the model.
# Planned offline with fake credentials; nothing here is meant to be applied.

terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}

provider "aws" {
  region                      = "us-east-1"
  access_key                  = "fake"
  secret_key                  = "fake"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}

variable "hf_token" {
  description = "Hugging Face token used by the weight-mirroring job (example value, not a real token)."
  type        = string
  sensitive   = true
  default     = "hf_ExampleTokenForSrmIacHardenedStack000"
}

variable "serving_image_digest" {
  description = "Digest of the reviewed serving image."
  type        = string
  default     = "sha256:9d4c1e0f2b7a63581c4e9d0a7b2f6e3c1d8a5b4f7e2c9d0a1b6e3f8c2d7a4b5e"
}

locals {
  sagemaker_role = "arn:aws:iam::123456789012:role/sagemaker-serving"
}

resource "aws_kms_key" "ml" {
  description         = "Self-hosted model data: captured traffic, notebooks"
  enable_key_rotation = true
}

resource "aws_vpc" "ml" {
  cidr_block = "10.40.0.0/16"
}

resource "aws_subnet" "private_a" {
  vpc_id            = aws_vpc.ml.id
  cidr_block        = "10.40.1.0/24"
  availability_zone = "us-east-1a"
}

resource "aws_subnet" "private_b" {
  vpc_id            = aws_vpc.ml.id
  cidr_block        = "10.40.2.0/24"
  availability_zone = "us-east-1b"
}

resource "aws_security_group" "model" {
  name   = "self-hosted-model"
  vpc_id = aws_vpc.ml.id
}

# The Hub token lives in Secrets Manager for the job that mirrors reviewed weights to S3.
resource "aws_secretsmanager_secret" "hf_token" {
  name       = "ml/hugging-face-token"
  kms_key_id = aws_kms_key.ml.arn
}

resource "aws_secretsmanager_secret_version" "hf_token" {
  secret_id     = aws_secretsmanager_secret.hf_token.id
  secret_string = var.hf_token
}

resource "aws_ecr_repository" "serving" {
  name                 = "llm-serving"
  image_tag_mutability = "IMMUTABLE"

  image_scanning_configuration {
    scan_on_push = true
  }

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ml.arn
  }
}

resource "aws_sagemaker_model" "chat" {
  name                     = "chat-llama"
  execution_role_arn       = local.sagemaker_role
  enable_network_isolation = true

  primary_container {
    image          = "${aws_ecr_repository.serving.repository_url}@${var.serving_image_digest}"
    model_data_url = "s3://example-ml-artifacts/llama-3.1-8b-instruct/reviewed-2024-11/model.tar.gz"
    environment = {
      HF_MODEL_ID = "/opt/ml/model"
      SM_NUM_GPUS = "1"
    }
  }

  vpc_config {
    subnets            = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    security_group_ids = [aws_security_group.model.id]
  }
}

resource "aws_sagemaker_endpoint_configuration" "chat" {
  name = "chat-llama"

  # ml.g5 has NVMe instance storage, encrypted in hardware: SageMaker accepts no kms_key_arn.
  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.chat.name
    instance_type          = "ml.g5.2xlarge"
    initial_instance_count = 1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://example-ml-capture/chat"
    kms_key_id                  = aws_kms_key.ml.arn

    capture_options {
      capture_mode = "InputAndOutput"
    }
  }
}

resource "aws_sagemaker_endpoint" "chat" {
  name                 = "chat-llama"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.chat.name
}

resource "aws_sagemaker_notebook_instance" "research" {
  name                   = "llm-research"
  role_arn               = local.sagemaker_role
  instance_type          = "ml.g5.xlarge"
  subnet_id              = aws_subnet.private_a.id
  security_groups        = [aws_security_group.model.id]
  kms_key_id             = aws_kms_key.ml.arn
  direct_internet_access = "Disabled"
  root_access            = "Disabled"
}

resource "aws_instance" "vllm" {
  ami                         = "ami-0123456789abcdef0"
  instance_type               = "g5.2xlarge"
  subnet_id                   = aws_subnet.private_a.id
  vpc_security_group_ids      = [aws_security_group.model.id]
  associate_public_ip_address = false

  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }

  root_block_device {
    encrypted   = true
    kms_key_id  = aws_kms_key.ml.arn
    volume_size = 200
  }

  tags = {
    Name = "vllm-experiments"
  }
}

resource "aws_eks_cluster" "inference" {
  name                      = "inference"
  role_arn                  = "arn:aws:iam::123456789012:role/eks-cluster"
  enabled_cluster_log_types = ["api", "audit", "authenticator"]

  vpc_config {
    subnet_ids              = [aws_subnet.private_a.id, aws_subnet.private_b.id]
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}

resource "aws_eks_node_group" "gpu" {
  cluster_name   = aws_eks_cluster.inference.name
  node_role_arn  = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids     = [aws_subnet.private_a.id, aws_subnet.private_b.id]
  ami_type       = "AL2023_x86_64_NVIDIA"
  instance_types = ["g6.2xlarge"]

  scaling_config {
    desired_size = 1
    min_size     = 0
    max_size     = 4
  }
}

resource "aws_budgets_budget" "ml" {
  name         = "self-hosted-ml-monthly"
  budget_type  = "COST"
  limit_amount = "6000"
  limit_unit   = "USD"
  time_unit    = "MONTHLY"

  cost_filter {
    name   = "Service"
    values = ["Amazon SageMaker", "Amazon Elastic Compute Cloud - Compute"]
  }

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 80
    threshold_type             = "PERCENTAGE"
    notification_type          = "FORECASTED"
    subscriber_email_addresses = ["ml-platform@example.com"]
  }

  notification {
    comparison_operator        = "GREATER_THAN"
    threshold                  = 100
    threshold_type             = "PERCENTAGE"
    notification_type          = "ACTUAL"
    subscriber_email_addresses = ["ml-platform@example.com"]
  }
}
