# Scout.Serverless on GCP. Terraform with the google provider: the tool GCP teams use for declarative
# deployments, reviewable in a plan before it touches anything (see docs/deploy-gcp.md).
terraform {
  required_version = ">= 1.5"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.40, < 7.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
