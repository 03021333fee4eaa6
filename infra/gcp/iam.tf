# One identity per function plus the two callers; each holds only what it uses. No basic roles (owner/editor).
resource "google_service_account" "http" {
  account_id   = "scout-http-upload"
  display_name = "Scout HTTP upload function"
}

resource "google_service_account" "queue" {
  account_id   = "scout-queue-analysis"
  display_name = "Scout queue analysis function"
}

resource "google_service_account" "refresh" {
  account_id   = "scout-advisory-refresh"
  display_name = "Scout advisory refresh function"
}

resource "google_service_account" "pubsub_push" {
  account_id   = "scout-pubsub-push"
  display_name = "Pub/Sub push identity (invokes the queue function)"
}

resource "google_service_account" "scheduler" {
  account_id   = "scout-scheduler"
  display_name = "Cloud Scheduler identity (invokes the refresh function)"
}

# Firestore access is granted per project (datastore.user: read/write documents, no admin). The functions read
# the database resource's locationId for the residency check: datastore.viewer covers that.
resource "google_project_iam_member" "firestore_user" {
  for_each = {
    http    = google_service_account.http.email
    queue   = google_service_account.queue.email
    refresh = google_service_account.refresh.email
  }
  project = var.project_id
  role    = "roles/datastore.user"
  member  = "serviceAccount:${each.value}"
}

resource "google_project_iam_member" "firestore_location_reader" {
  for_each = {
    http    = google_service_account.http.email
    queue   = google_service_account.queue.email
    refresh = google_service_account.refresh.email
  }
  project = var.project_id
  role    = "roles/datastore.viewer"
  member  = "serviceAccount:${each.value}"
}

# The HTTP API authenticates tenants itself (bearer API keys), so the upload service is public.
resource "google_cloud_run_v2_service_iam_member" "http_public" {
  name     = google_cloud_run_v2_service.http.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "allUsers"
}

# Only Pub/Sub's push identity may call the queue function; only Scheduler's may call the refresh function.
resource "google_cloud_run_v2_service_iam_member" "queue_invoker" {
  name     = google_cloud_run_v2_service.queue.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.pubsub_push.email}"
}

resource "google_cloud_run_v2_service_iam_member" "refresh_invoker" {
  name     = google_cloud_run_v2_service.refresh.name
  location = var.region
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.scheduler.email}"
}

# Pub/Sub mints the push OIDC tokens as the push identity.
resource "google_service_account_iam_member" "pubsub_token_creator" {
  service_account_id = google_service_account.pubsub_push.name
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = local.pubsub_service_agent
}
