"""people: person, household, identifiers, documents; search; identity resolution."""
