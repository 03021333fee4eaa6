// The Lambda bootstrap is built by the AWS issue.
return 0;
