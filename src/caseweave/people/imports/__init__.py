"""Importing another agency's client list (CSV/XLSX) into the registry."""
