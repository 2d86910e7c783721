# A Bedrock support assistant built the quick way. Every security shortcut here is deliberate:
# srm-iac should flag them (see README.md). Nothing is created: the plan runs offline with fake
# credentials (scripts/terraform_plan.sh).

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

variable "order_api_client_secret" {
  description = "Client secret the order-lookup tool uses to call the order API (demo value)."
  type        = string
  sensitive   = true
  default     = "ord-demo-8c1f0e2b7d4a49f3b6e5"
}

locals {
  account_id = "123456789012"
  claude     = "anthropic.claude-3-5-sonnet-20240620-v1:0"
}

# ---------------------------------------------------------------------------------------------
# Guardrail: two content filters, no PROMPT_ATTACK filter, no PII filter.

resource "aws_bedrock_guardrail" "weak" {
  name                      = "support-guardrail"
  blocked_input_messaging   = "Sorry, I cannot help with that."
  blocked_outputs_messaging = "Sorry, I cannot answer that."

  content_policy_config {
    filters_config {
      type            = "HATE"
      input_strength  = "HIGH"
      output_strength = "LOW"
    }
    filters_config {
      type            = "VIOLENCE"
      input_strength  = "HIGH"
      output_strength = "LOW"
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Agents: "support" uses the weak guardrail, "faq" has none and an access key in its prompt.

resource "aws_iam_role" "agent" {
  name = "support-agent"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "bedrock.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_bedrockagent_agent" "support" {
  agent_name              = "support"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = local.claude
  instruction             = "You help customers with their orders. Use the orders tool to look them up."

  guardrail_configuration {
    guardrail_identifier = aws_bedrock_guardrail.weak.guardrail_id
    guardrail_version    = "DRAFT"
  }
}

resource "aws_bedrockagent_agent" "faq" {
  agent_name              = "faq"
  agent_resource_role_arn = aws_iam_role.agent.arn
  foundation_model        = "meta.llama3-70b-instruct-v1:0"
  instruction             = "You answer product questions. If the catalog tool fails, call the catalog API directly with access key AKIAIOSFODNN7EXAMPLE."
}

# ---------------------------------------------------------------------------------------------
# Tool: a Lambda action group that any Bedrock agent may invoke (no source_arn).

resource "aws_iam_role" "tool" {
  name = "order-lookup-tool"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "lambda.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_lambda_function" "orders" {
  function_name = "order-lookup"
  role          = aws_iam_role.tool.arn
  runtime       = "python3.12"
  handler       = "app.handler"
  s3_bucket     = "example-agent-tools"
  s3_key        = "order-lookup.zip"

  environment {
    variables = {
      ORDER_API_URL           = "https://orders.internal.example.com"
      ORDER_API_CLIENT_SECRET = var.order_api_client_secret
    }
  }
}

resource "aws_lambda_permission" "bedrock" {
  statement_id  = "AllowBedrock"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.orders.function_name
  principal     = "bedrock.amazonaws.com"
}

resource "aws_bedrockagent_agent_action_group" "orders" {
  action_group_name          = "orders"
  agent_id                   = aws_bedrockagent_agent.support.agent_id
  agent_version              = "DRAFT"
  skip_resource_in_use_check = true

  action_group_executor {
    lambda = aws_lambda_function.orders.arn
  }

  function_schema {
    member_functions {
      functions {
        name        = "get_order"
        description = "Look up one order by its id"
        parameters {
          map_block_key = "order_id"
          type          = "string"
          description   = "The order id"
          required      = true
        }
      }
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Application access: invoke any model, plus the full-access managed policy.

resource "aws_iam_role" "app" {
  name = "support-app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "ecs-tasks.amazonaws.com" }
      Action    = "sts:AssumeRole"
    }]
  })
}

resource "aws_iam_role_policy" "invoke_any_model" {
  name = "invoke-any-model"
  role = aws_iam_role.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["bedrock:InvokeModel", "bedrock:InvokeModelWithResponseStream"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy_attachment" "bedrock_full_access" {
  role       = aws_iam_role.app.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonBedrockFullAccess"
}

# ---------------------------------------------------------------------------------------------
# Invocation logging with prompts and responses left out.

resource "aws_s3_bucket" "invocation_logs" {
  bucket = "example-support-bedrock-logs"
}

resource "aws_bedrock_model_invocation_logging_configuration" "this" {
  logging_config {
    text_data_delivery_enabled      = false
    embedding_data_delivery_enabled = false
    image_data_delivery_enabled     = false
    video_data_delivery_enabled     = false

    s3_config {
      bucket_name = aws_s3_bucket.invocation_logs.bucket
    }
  }
}

# ---------------------------------------------------------------------------------------------
# Network: a bedrock-runtime endpoint without private DNS and without an endpoint policy.

resource "aws_vpc" "main" {
  cidr_block           = "10.40.0.0/16"
  enable_dns_support   = true
  enable_dns_hostnames = true
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.40.1.0/24"
}

resource "aws_vpc_endpoint" "bedrock_runtime" {
  vpc_id            = aws_vpc.main.id
  service_name      = "com.amazonaws.us-east-1.bedrock-runtime"
  vpc_endpoint_type = "Interface"
  subnet_ids        = [aws_subnet.private.id]
}

# ---------------------------------------------------------------------------------------------
# Knowledge base whose data source keeps ingestion data under an AWS-owned key.

resource "aws_bedrockagent_knowledge_base" "docs" {
  name     = "support-docs"
  role_arn = "arn:aws:iam::${local.account_id}:role/support-knowledge-base"

  knowledge_base_configuration {
    type = "VECTOR"
    vector_knowledge_base_configuration {
      embedding_model_arn = "arn:aws:bedrock:us-east-1::foundation-model/amazon.titan-embed-text-v2:0"
    }
  }

  storage_configuration {
    type = "OPENSEARCH_SERVERLESS"
    opensearch_serverless_configuration {
      collection_arn    = "arn:aws:aoss:us-east-1:${local.account_id}:collection/0a1b2c3d4e5f6789"
      vector_index_name = "support-docs"
      field_mapping {
        vector_field   = "embedding"
        text_field     = "text"
        metadata_field = "metadata"
      }
    }
  }
}

resource "aws_bedrockagent_data_source" "docs" {
  name              = "support-docs"
  knowledge_base_id = aws_bedrockagent_knowledge_base.docs.id

  data_source_configuration {
    type = "S3"
    s3_configuration {
      bucket_arn = "arn:aws:s3:::example-support-docs"
    }
  }
}
