from caseweave.directory.models.index import ServiceIndex, ServiceIndexTerm
from caseweave.directory.models.record import HsdsLink, HsdsRecord, ImportRun, OrganisationLink

__all__ = [
    "HsdsLink",
    "HsdsRecord",
    "ImportRun",
    "OrganisationLink",
    "ServiceIndex",
    "ServiceIndexTerm",
]
