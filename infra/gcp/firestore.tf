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

# Base images: tenants/{t}/images/{d}/layerIndex/{depth}, looked up across tenants by one field each
# (shared/Scout.Storage.Firestore/FirestoreScoutStore.BaseImages.cs).
resource "google_firestore_field" "layer_index_full_chain" {
  database   = google_firestore_database.scout.name
  collection = "layerIndex"
  field      = "fullChain"
  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }
}

resource "google_firestore_field" "layer_index_prefix_chain" {
  database   = google_firestore_database.scout.name
  collection = "layerIndex"
  field      = "prefixChain"
  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }
}

resource "google_firestore_field" "layer_index_catalog_repository" {
  database   = google_firestore_database.scout.name
  collection = "layerIndex"
  field      = "catalogRepository"
  index_config {
    indexes {
      order       = "ASCENDING"
      query_scope = "COLLECTION_GROUP"
    }
  }
}
