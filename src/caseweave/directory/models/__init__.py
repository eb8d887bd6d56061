from caseweave.directory.models.index import ServiceIndex, ServiceIndexTerm
from caseweave.directory.models.record import (
    HsdsLink,
    HsdsRecord,
    ImportRun,
    ListingReminder,
    OrganisationLink,
)

__all__ = [
    "HsdsLink",
    "HsdsRecord",
    "ImportRun",
    "ListingReminder",
    "OrganisationLink",
    "ServiceIndex",
    "ServiceIndexTerm",
]
