"""core: organisations, staff, memberships, roles, teams, jurisdictions."""
