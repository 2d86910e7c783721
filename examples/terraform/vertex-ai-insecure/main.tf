terraform {
  required_providers {
    google      = { source = "hashicorp/google", version = "~> 7.46" }
    google-beta = { source = "hashicorp/google-beta", version = "~> 7.46" }
  }
}

provider "google" {
  project = "acme-vertex-prod"
  region  = "us-central1"
}

provider "google-beta" {
  project = "acme-vertex-prod"
  region  = "us-central1"
}

variable "hugging_face_token" {
  description = "Read token for the gated Llama repository"
  type        = string
  sensitive   = true
}

variable "pinecone_api_key" {
  description = "Pinecone API key for the support corpus"
  type        = string
  sensitive   = true
}

resource "google_project_service" "aiplatform" {
  service = "aiplatform.googleapis.com"
}

resource "google_vertex_ai_endpoint" "chat" {
  name         = "chat"
  display_name = "chat"
  location     = "us-central1"
  region       = "us-central1"
  description  = "Support chat model"
}

resource "google_vertex_ai_endpoint_iam_member" "public_invoker" {
  provider = google-beta
  location = "us-central1"
  endpoint = google_vertex_ai_endpoint.chat.name
  role     = "roles/aiplatform.user"
  member   = "allUsers"
}

resource "google_vertex_ai_endpoint_with_model_garden_deployment" "llama" {
  location              = "us-central1"
  hugging_face_model_id = "meta-llama/Llama-3.1-8B-Instruct"

  deploy_config {
    dedicated_resources {
      min_replica_count = 1
      max_replica_count = 2

      machine_spec {
        machine_type      = "g2-standard-12"
        accelerator_type  = "NVIDIA_L4"
        accelerator_count = 1
      }
    }
  }

  model_config {
    accept_eula               = true
    hugging_face_access_token = var.hugging_face_token

    container_spec {
      image_uri = "us-docker.pkg.dev/vertex-ai/vertex-vision-model-garden-dockers/pytorch-vllm-serve:latest"
      args      = ["--max-model-len=8192"]

      ports {
        container_port = 8080
      }
    }
  }
}

resource "google_model_armor_template" "prompt_guard" {
  location    = "us-central1"
  template_id = "support-prompt-guard"

  filter_config {
    pi_and_jailbreak_filter_settings {
      filter_enforcement = "DISABLED"
    }

    rai_settings {
      rai_filters {
        filter_type      = "HATE_SPEECH"
        confidence_level = "HIGH"
      }
    }
  }

  template_metadata {
    enforcement_type = "INSPECT_ONLY"
  }
}

resource "google_vertex_ai_dataset" "tuning" {
  display_name        = "support-tuning"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml"
}

resource "google_vertex_ai_rag_corpus" "docs" {
  display_name = "support-docs"
  region       = "us-central1"

  vector_db_config {
    pinecone {
      index_name = "support-docs"
    }

    api_auth {
      api_key_config {
        api_key_string = var.pinecone_api_key
      }
    }

    rag_embedding_model_config {
      vertex_prediction_endpoint {
        endpoint = "projects/acme-vertex-prod/locations/us-central1/publishers/google/models/text-embedding-005"
      }
    }
  }
}

resource "google_vertex_ai_index_endpoint" "docs" {
  display_name            = "support-docs"
  region                  = "us-central1"
  public_endpoint_enabled = true
}

resource "google_vertex_ai_reasoning_engine" "support" {
  display_name = "support"
  region       = "us-central1"
  description  = "Support agent"

  spec {
    package_spec {
      pickle_object_gcs_uri = "gs://acme-agents/support/agent.pkl"
      requirements_gcs_uri  = "gs://acme-agents/support/requirements.txt"
      python_version        = "3.11"
    }
  }
}
