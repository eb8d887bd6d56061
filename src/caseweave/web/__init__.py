"""web: the staff web UI (server-rendered, HTMX)."""
