from caseweave.core.models.organisation import Jurisdiction, Organisation
from caseweave.core.models.staff import Membership, User
from caseweave.core.models.team import Team, TeamMembership

__all__ = ["Jurisdiction", "Membership", "Organisation", "Team", "TeamMembership", "User"]
