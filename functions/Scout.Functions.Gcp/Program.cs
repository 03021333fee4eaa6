// The Cloud Run host is built by the GCP issue.
return 0;
