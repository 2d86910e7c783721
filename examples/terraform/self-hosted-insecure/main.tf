# A self-hosted LLM stack on AWS as it is often first written: SageMaker endpoints serving an
# open-weight model from the Hugging Face Hub, an ECR repository for an in-house embedding
# image, a research notebook, a GPU VM and an EKS GPU node group. Every default is left as is.
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
  description = "Hugging Face token for the gated model (example value, not a real token)."
  type        = string
  sensitive   = true
  default     = "hf_ExampleTokenForSrmIacInsecureStack0000"
}

locals {
  sagemaker_role = "arn:aws:iam::123456789012:role/sagemaker-serving"
}

# In-house embedding server image: tags can be overwritten, nothing is scanned.
resource "aws_ecr_repository" "embedder" {
  name = "embedding-server"
}

# Chat model: the TGI container downloads Llama weights from the Hub at every start, with the
# Hub token in the model's environment.
resource "aws_sagemaker_model" "chat" {
  name               = "chat-llama"
  execution_role_arn = local.sagemaker_role

  primary_container {
    image = "763104351884.dkr.ecr.us-east-1.amazonaws.com/huggingface-pytorch-tgi-inference:2.4.0-tgi2.3.1-gpu-py311-cu124-ubuntu22.04"
    environment = {
      HF_MODEL_ID      = "meta-llama/Llama-3.1-8B-Instruct"
      HF_TOKEN         = var.hf_token
      SM_NUM_GPUS      = "1"
      MAX_TOTAL_TOKENS = "8192"
    }
  }
}

resource "aws_sagemaker_model" "embedder" {
  name               = "embedder"
  execution_role_arn = local.sagemaker_role

  primary_container {
    image          = "${aws_ecr_repository.embedder.repository_url}:latest"
    model_data_url = "s3://example-ml-artifacts/embedder/model.tar.gz"
  }
}

resource "aws_sagemaker_endpoint_configuration" "chat" {
  name = "chat-llama"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.chat.name
    instance_type          = "ml.g5.2xlarge"
    initial_instance_count = 1
  }
}

resource "aws_sagemaker_endpoint_configuration" "embedder" {
  name = "embedder"

  production_variants {
    variant_name           = "primary"
    model_name             = aws_sagemaker_model.embedder.name
    instance_type          = "ml.m5.xlarge"
    initial_instance_count = 1
  }

  data_capture_config {
    enable_capture              = true
    initial_sampling_percentage = 100
    destination_s3_uri          = "s3://example-ml-capture/embedder"

    capture_options {
      capture_mode = "Input"
    }
  }
}

resource "aws_sagemaker_endpoint" "chat" {
  name                 = "chat-llama"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.chat.name
}

resource "aws_sagemaker_endpoint" "embedder" {
  name                 = "embedder"
  endpoint_config_name = aws_sagemaker_endpoint_configuration.embedder.name
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "llm-research"
  role_arn      = local.sagemaker_role
  instance_type = "ml.g5.xlarge"
}

# A GPU VM running vLLM for experiments, in the default VPC.
resource "aws_instance" "vllm" {
  ami           = "ami-0123456789abcdef0"
  instance_type = "g5.2xlarge"

  tags = {
    Name = "vllm-experiments"
  }
}

resource "aws_eks_cluster" "inference" {
  name     = "inference"
  role_arn = "arn:aws:iam::123456789012:role/eks-cluster"

  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d4e5f67890", "subnet-0f9e8d7c6b5a43210"]
  }
}

resource "aws_eks_node_group" "gpu" {
  cluster_name   = aws_eks_cluster.inference.name
  node_role_arn  = "arn:aws:iam::123456789012:role/eks-nodes"
  subnet_ids     = ["subnet-0a1b2c3d4e5f67890"]
  ami_type       = "AL2023_x86_64_NVIDIA"
  instance_types = ["g6.2xlarge"]

  scaling_config {
    desired_size = 1
    min_size     = 0
    max_size     = 8
  }
}
