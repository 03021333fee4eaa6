variable "project_id" {
  type        = string
  description = "The GCP project to deploy into."
}

# DESIGN.md section 6: US-East only. nam5 (multi-region United States) is deliberately not allowed.
variable "region" {
  type        = string
  default     = "us-east4"
  description = "Region of the Cloud Run services, Pub/Sub message storage and the Scheduler job."
  validation {
    condition     = contains(["us-east1", "us-east4", "us-east5"], var.region)
    error_message = "Scout data stays in US-East: region must be us-east1, us-east4 or us-east5."
  }
}

variable "firestore_location" {
  type        = string
  default     = "us-east4"
  description = "Location of the Firestore database (a single region; never a multi-region)."
  validation {
    condition     = contains(["us-east1", "us-east4", "us-east5"], var.firestore_location)
    error_message = "Firestore must be in us-east1, us-east4 or us-east5."
  }
}

variable "image" {
  type        = string
  description = "Container image of functions/Scout.Functions.Gcp (one image, the function chosen by SCOUT_FUNCTION)."
}

variable "advisory_feed" {
  type        = string
  default     = "https://osv-vulnerabilities.storage.googleapis.com/"
  description = "OSV-layout feed the scheduled refresh reads."
}

variable "refresh_schedule" {
  type        = string
  default     = "* * * * *"
  description = "Cron (UTC) of the advisory refresh: every minute (an idle run is one conditional request per ecosystem)."
}

variable "ack_deadline_seconds" {
  type        = number
  default     = 300
  description = "Pub/Sub ack deadline (10-600 s); also the queue function's request timeout. Analysis of a 10,000-package SBOM takes well under a minute."
  validation {
    condition     = var.ack_deadline_seconds >= 10 && var.ack_deadline_seconds <= 600
    error_message = "Pub/Sub ack deadlines are 10-600 seconds."
  }
}

variable "max_delivery_attempts" {
  type        = number
  default     = 5
  description = "Deliveries before a message goes to the dead-letter topic; keep it equal to DeliveryPolicy.MaxAttempts (shared/Scout.Core/Ports/IAnalysisDelivery.cs), which gives up on the last one."
}
