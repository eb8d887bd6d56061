from caseweave.access.models.care_team import CareTeamMember

__all__ = ["CareTeamMember"]
