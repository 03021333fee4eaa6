# The three functions run the same container (functions/Scout.Functions.Gcp), chosen by SCOUT_FUNCTION, as
# Cloud Run services: the runtime under Cloud Run functions gen2. A gen2 "function" resource would build from
# source with the .NET Functions Framework, which this project does not use (its host is plain ASP.NET Core);
# Pub/Sub pushes and Scheduler calls reach the services exactly as they would reach a function.
locals {
  common_env = {
    GOOGLE_CLOUD_PROJECT     = var.project_id
    SCOUT_FIRESTORE_LOCATION = var.firestore_location
    SCOUT_PUBSUB_TOPIC       = "scout-analyze"
  }
}

resource "google_cloud_run_v2_service" "http" {
  name     = "scout-http-upload"
  location = var.region
  ingress  = "INGRESS_TRAFFIC_ALL"
  template {
    service_account = google_service_account.http.email
    timeout         = "60s"
    scaling {
      max_instance_count = 20
    }
    containers {
      image = var.image
      env {
        name  = "SCOUT_FUNCTION"
        value = "http"
      }
      dynamic "env" {
        for_each = local.common_env
        content {
          name  = env.key
          value = env.value
        }
      }
      resources {
        limits = {
          cpu    = "1"
          memory = "1Gi"
        }
      }
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_cloud_run_v2_service" "queue" {
  name     = "scout-queue-analysis"
  location = var.region
  ingress  = "INGRESS_TRAFFIC_ALL"
  template {
    service_account                  = google_service_account.queue.email
    timeout                          = "${var.ack_deadline_seconds}s"
    max_instance_request_concurrency = 4
    scaling {
      max_instance_count = 20
    }
    containers {
      image = var.image
      env {
        name  = "SCOUT_FUNCTION"
        value = "queue"
      }
      # the dead-letter recording subscription pushes to /events/dead-letter (pubsub.tf); nothing else is mapped
      env {
        name  = "SCOUT_EVENT_ROUTES"
        value = "dead-letter"
      }
      # both push subscriptions attach an OIDC token for this audience, issued to the push service account
      env {
        name  = "SCOUT_PUSH_AUDIENCE"
        value = local.push_audience
      }
      env {
        name  = "SCOUT_PUSH_SERVICE_ACCOUNT"
        value = google_service_account.pubsub_push.email
      }
      dynamic "env" {
        for_each = local.common_env
        content {
          name  = env.key
          value = env.value
        }
      }
      resources {
        limits = {
          cpu    = "2"
          memory = "2Gi"
        }
      }
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_cloud_run_v2_service" "refresh" {
  name     = "scout-advisory-refresh"
  location = var.region
  ingress  = "INGRESS_TRAFFIC_ALL"
  template {
    service_account = google_service_account.refresh.email
    timeout         = "900s"
    scaling {
      max_instance_count = 1
    }
    containers {
      image = var.image
      env {
        name  = "SCOUT_FUNCTION"
        value = "refresh"
      }
      env {
        name  = "SCOUT_ADVISORY_FEED"
        value = var.advisory_feed
      }
      # Two polls per Cloud Scheduler request, 30 s apart: a new advisory waits at most 30 s plus the refresh.
      env {
        name  = "SCOUT_REFRESH_POLLS"
        value = "2"
      }
      dynamic "env" {
        for_each = local.common_env
        content {
          name  = env.key
          value = env.value
        }
      }
      resources {
        limits = {
          cpu    = "2"
          memory = "4Gi"
        }
      }
    }
  }
  depends_on = [google_project_service.apis]
}

resource "google_cloud_scheduler_job" "advisory_refresh" {
  name             = "scout-advisory-refresh"
  region           = var.region
  schedule         = var.refresh_schedule
  time_zone        = "Etc/UTC"
  attempt_deadline = "900s"
  retry_config {
    retry_count          = 3
    min_backoff_duration = "60s"
  }
  http_target {
    http_method = "POST"
    uri         = "${google_cloud_run_v2_service.refresh.uri}/"
    oidc_token {
      service_account_email = google_service_account.scheduler.email
      audience              = google_cloud_run_v2_service.refresh.uri
    }
  }
  depends_on = [google_project_service.apis]
}

output "api_url" {
  value = google_cloud_run_v2_service.http.uri
}
