"""Audit event types the access module emits."""

CARE_TEAM_JOINED = "care_team.joined"
CARE_TEAM_LEFT = "care_team.left"
