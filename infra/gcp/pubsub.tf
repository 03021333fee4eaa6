data "google_project" "current" {}

locals {
  pubsub_service_agent = "serviceAccount:service-${data.google_project.current.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

# Messages are references {tenantId, uploadId}; their storage is pinned to the same US-East region.
resource "google_pubsub_topic" "analyze" {
  name = "scout-analyze"
  message_storage_policy {
    allowed_persistence_regions = [var.region]
  }
  depends_on = [google_project_service.apis]
}

resource "google_pubsub_topic" "dead_letter" {
  name = "scout-analyze-dead-letter"
  message_storage_policy {
    allowed_persistence_regions = [var.region]
  }
  depends_on = [google_project_service.apis]
}

# The worker subscription pushes to the queue function. Non-2xx answers are retried with backoff; after
# max_delivery_attempts the message goes to the dead-letter topic.
resource "google_pubsub_subscription" "worker" {
  name                 = "scout-analyze-worker"
  topic                = google_pubsub_topic.analyze.id
  ack_deadline_seconds = var.ack_deadline_seconds
  dead_letter_policy {
    dead_letter_topic     = google_pubsub_topic.dead_letter.id
    max_delivery_attempts = var.max_delivery_attempts
  }
  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }
  push_config {
    push_endpoint = "${google_cloud_run_v2_service.queue.uri}/"
    oidc_token {
      service_account_email = google_service_account.pubsub_push.email
      audience              = local.push_audience
    }
  }
}

# Dead letters are kept here for inspection and replay.
resource "google_pubsub_subscription" "dead_letter_keep" {
  name                       = "scout-analyze-dead-letter-keep"
  topic                      = google_pubsub_topic.dead_letter.id
  ack_deadline_seconds       = 60
  message_retention_duration = "604800s"
}

# And pushed to the queue function's dead-letter route, which marks the upload failed with the attempt count.
resource "google_pubsub_subscription" "dead_letter_record" {
  name                 = "scout-analyze-dead-letter-record"
  topic                = google_pubsub_topic.dead_letter.id
  ack_deadline_seconds = 60
  push_config {
    push_endpoint = "${google_cloud_run_v2_service.queue.uri}/events/dead-letter"
    oidc_token {
      service_account_email = google_service_account.pubsub_push.email
      audience              = local.push_audience
    }
  }
}

# Dead-lettering needs the Pub/Sub service agent to publish to the dead-letter topic and to ack on the worker subscription.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  topic  = google_pubsub_topic.dead_letter.id
  role   = "roles/pubsub.publisher"
  member = local.pubsub_service_agent
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  subscription = google_pubsub_subscription.worker.id
  role         = "roles/pubsub.subscriber"
  member       = local.pubsub_service_agent
}

# The upload function publishes to the analysis topic, and nothing else.
resource "google_pubsub_topic_iam_member" "http_publisher" {
  topic  = google_pubsub_topic.analyze.id
  role   = "roles/pubsub.publisher"
  member = "serviceAccount:${google_service_account.http.email}"
}

locals {
  # The audience of the push subscriptions' OIDC tokens; the queue function checks it (SCOUT_PUSH_AUDIENCE).
  push_audience = "scout-queue-push"
}
