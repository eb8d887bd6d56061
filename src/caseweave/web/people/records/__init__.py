"""Pages for editing persons and households and for their documents."""
