from caseweave.access.models.agreement import DataSharingAgreement
from caseweave.access.models.break_glass import BreakGlassGrant
from caseweave.access.models.care_team import CareTeamMember
from caseweave.access.models.configured_category import ConfiguredCategory
from caseweave.access.models.consent import Consent, ConsentTemplate

__all__ = [
    "BreakGlassGrant",
    "CareTeamMember",
    "ConfiguredCategory",
    "Consent",
    "ConsentTemplate",
    "DataSharingAgreement",
]
