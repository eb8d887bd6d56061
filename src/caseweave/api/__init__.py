"""api: the JSON API (OpenAPI 3) and, as they come, the FHIR and HSDS endpoints."""
