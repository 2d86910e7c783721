terraform {
  required_providers {
    google = { source = "hashicorp/google", version = "~> 7.46" }
  }
}

provider "google" {
  project = "acme-vertex-prod"
  region  = "us-central1"
}

variable "crm_api_key" {
  description = "API key the support agent's CRM tool uses"
  type        = string
  sensitive   = true
}

resource "google_project_service" "aiplatform" {
  service = "aiplatform.googleapis.com"
}

resource "google_project_service" "modelarmor" {
  service = "modelarmor.googleapis.com"
}

resource "google_kms_key_ring" "vertex" {
  name     = "vertex"
  location = "us-central1"
}

resource "google_kms_crypto_key" "vertex" {
  name            = "vertex"
  key_ring        = google_kms_key_ring.vertex.id
  rotation_period = "7776000s"
}

resource "google_kms_crypto_key_iam_member" "vertex_agent" {
  crypto_key_id = google_kms_crypto_key.vertex.id
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = "serviceAccount:service-123456789012@gcp-sa-aiplatform.iam.gserviceaccount.com"
}

resource "google_access_context_manager_service_perimeter" "vertex" {
  parent = "accessPolicies/123456789"
  name   = "accessPolicies/123456789/servicePerimeters/vertex"
  title  = "vertex"

  status {
    resources           = ["projects/123456789012"]
    restricted_services = ["aiplatform.googleapis.com", "bigquery.googleapis.com", "modelarmor.googleapis.com", "storage.googleapis.com"]

    vpc_accessible_services {
      enable_restriction = true
      allowed_services   = ["RESTRICTED-SERVICES"]
    }
  }
}

resource "google_project_iam_audit_config" "vertex" {
  project = "acme-vertex-prod"
  service = "aiplatform.googleapis.com"

  audit_log_config {
    log_type = "ADMIN_READ"
  }

  audit_log_config {
    log_type = "DATA_READ"
  }

  audit_log_config {
    log_type = "DATA_WRITE"
  }
}

resource "google_bigquery_dataset" "vertex_logs" {
  dataset_id = "vertex_logs"
  location   = "US"

  default_encryption_configuration {
    kms_key_name = "projects/acme-security/locations/us/keyRings/logs/cryptoKeys/bigquery"
  }
}

resource "google_service_account" "app" {
  account_id   = "support-app"
  display_name = "Support application"
}

resource "google_service_account" "agent" {
  account_id   = "support-agent"
  display_name = "Support agent"
}

resource "google_vertex_ai_endpoint" "chat" {
  name         = "chat"
  display_name = "chat"
  location     = "us-central1"
  region       = "us-central1"
  description  = "Support chat model"

  private_service_connect_config {
    enable_private_service_connect = true
    project_allowlist              = ["acme-support-app"]
  }

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }

  predict_request_response_logging_config {
    enabled       = true
    sampling_rate = 1.0

    bigquery_destination {
      output_uri = "bq://${google_bigquery_dataset.vertex_logs.project}.${google_bigquery_dataset.vertex_logs.dataset_id}.chat"
    }
  }
}

resource "google_project_iam_member" "app_vertex_user" {
  project = "acme-vertex-prod"
  role    = "roles/aiplatform.user"
  member  = "serviceAccount:${google_service_account.app.email}"
}

resource "google_vertex_ai_endpoint_with_model_garden_deployment" "gemma" {
  location             = "us-central1"
  publisher_model_name = "publishers/google/models/gemma3@gemma-3-12b-it"

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
    accept_eula = true
  }

  endpoint_config {
    endpoint_display_name = "gemma"

    private_service_connect_config {
      enable_private_service_connect = true
      project_allowlist              = ["acme-support-app"]
    }
  }
}

resource "google_model_armor_template" "prompt_guard" {
  location    = "us-central1"
  template_id = "support-prompt-guard"

  filter_config {
    pi_and_jailbreak_filter_settings {
      filter_enforcement = "ENABLED"
      confidence_level   = "MEDIUM_AND_ABOVE"
    }

    malicious_uri_filter_settings {
      filter_enforcement = "ENABLED"
    }

    rai_settings {
      rai_filters {
        filter_type      = "DANGEROUS"
        confidence_level = "MEDIUM_AND_ABOVE"
      }

      rai_filters {
        filter_type      = "HARASSMENT"
        confidence_level = "MEDIUM_AND_ABOVE"
      }

      rai_filters {
        filter_type      = "HATE_SPEECH"
        confidence_level = "MEDIUM_AND_ABOVE"
      }

      rai_filters {
        filter_type      = "SEXUALLY_EXPLICIT"
        confidence_level = "MEDIUM_AND_ABOVE"
      }
    }

    sdp_settings {
      basic_config {
        filter_enforcement = "ENABLED"
      }
    }
  }

  template_metadata {
    enforcement_type        = "INSPECT_AND_BLOCK"
    log_sanitize_operations = true
    log_template_operations = true
  }
}

resource "google_model_armor_floorsetting" "project" {
  location                         = "global"
  parent                           = "projects/acme-vertex-prod"
  enable_floor_setting_enforcement = true
  integrated_services              = ["AI_PLATFORM"]

  ai_platform_floor_setting {
    inspect_and_block    = true
    enable_cloud_logging = true
  }

  filter_config {
    pi_and_jailbreak_filter_settings {
      filter_enforcement = "ENABLED"
      confidence_level   = "MEDIUM_AND_ABOVE"
    }

    malicious_uri_filter_settings {
      filter_enforcement = "ENABLED"
    }

    rai_settings {
      rai_filters {
        filter_type      = "DANGEROUS"
        confidence_level = "MEDIUM_AND_ABOVE"
      }

      rai_filters {
        filter_type      = "HARASSMENT"
        confidence_level = "MEDIUM_AND_ABOVE"
      }

      rai_filters {
        filter_type      = "HATE_SPEECH"
        confidence_level = "MEDIUM_AND_ABOVE"
      }

      rai_filters {
        filter_type      = "SEXUALLY_EXPLICIT"
        confidence_level = "MEDIUM_AND_ABOVE"
      }
    }

    sdp_settings {
      basic_config {
        filter_enforcement = "ENABLED"
      }
    }
  }
}

resource "google_vertex_ai_dataset" "tuning" {
  display_name        = "support-tuning"
  region              = "us-central1"
  metadata_schema_uri = "gs://google-cloud-aiplatform/schema/dataset/metadata/text_1.0.0.yaml"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_vertex_ai_rag_corpus" "docs" {
  display_name = "support-docs"
  region       = "us-central1"

  vector_db_config {
    rag_managed_db {
      knn {}
    }

    rag_embedding_model_config {
      vertex_prediction_endpoint {
        endpoint = "projects/acme-vertex-prod/locations/us-central1/publishers/google/models/text-embedding-005"
      }
    }
  }

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }
}

resource "google_secret_manager_secret" "crm_api_key" {
  secret_id = "support-agent-crm-api-key"

  replication {
    user_managed {
      replicas {
        location = "us-central1"
      }
    }
  }
}

resource "google_secret_manager_secret_version" "crm_api_key" {
  secret                 = google_secret_manager_secret.crm_api_key.id
  secret_data_wo         = var.crm_api_key
  secret_data_wo_version = "1"
}

resource "google_secret_manager_secret_iam_member" "agent_reads_crm_key" {
  secret_id = google_secret_manager_secret.crm_api_key.id
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.agent.email}"
}

resource "google_vertex_ai_reasoning_engine" "support" {
  display_name = "support"
  region       = "us-central1"
  description  = "Support agent"

  encryption_spec {
    kms_key_name = google_kms_crypto_key.vertex.id
  }

  spec {
    service_account = google_service_account.agent.email

    package_spec {
      pickle_object_gcs_uri = "gs://acme-agents/support/agent.pkl"
      requirements_gcs_uri  = "gs://acme-agents/support/requirements.txt"
      python_version        = "3.11"
    }

    deployment_spec {
      max_instances = 4

      secret_env {
        name = "CRM_API_KEY"

        secret_ref {
          secret  = google_secret_manager_secret.crm_api_key.secret_id
          version = "1"
        }
      }
    }
  }
}

resource "google_vertex_ai_reasoning_engine_iam_member" "app_invokes_agent" {
  region           = "us-central1"
  reasoning_engine = google_vertex_ai_reasoning_engine.support.id
  role             = "roles/aiplatform.user"
  member           = "serviceAccount:${google_service_account.app.email}"
}
