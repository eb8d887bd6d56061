"""directory: the service directory on Open Referral HSDS 3.1."""
