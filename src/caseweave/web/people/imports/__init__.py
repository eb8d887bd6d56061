"""Pages for importing another agency's client list."""
