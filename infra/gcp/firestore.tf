resource "google_project_service" "apis" {
  for_each           = toset(["run.googleapis.com", "pubsub.googleapis.com", "firestore.googleapis.com", "cloudscheduler.googleapis.com", "iam.googleapis.com"])
  service            = each.value
  disable_on_destroy = false
}

resource "google_firestore_database" "scout" {
  name                    = "(default)"
  location_id             = var.firestore_location
  type                    = "FIRESTORE_NATIVE"
  concurrency_mode        = "OPTIMISTIC"
  delete_protection_state = "DELETE_PROTECTION_ENABLED"
  depends_on              = [google_project_service.apis]
}

# Collection-group queries need collection-group-scoped single-field indexes.
# The inverted index: tenants/{t}/images/{d}/packageIndex/{h} queried by key across all tenants.
resource "google_firestore_field" "package_index_key" {
  database   = google_firestore_database.scout.name
  collection = "packageIndex"
  field      = "key"
  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }
}

# Recovery after a crash: uploads still queued or analyzing, across tenants.
resource "google_firestore_field" "upload_status" {
  database   = google_firestore_database.scout.name
  collection = "uploads"
  field      = "status"
  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }
}
