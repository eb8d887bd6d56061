from caseweave.directory.models.index import ServiceIndex, ServiceIndexTerm
from caseweave.directory.models.record import HsdsRecord, ImportRun, OrganisationLink

__all__ = ["HsdsRecord", "ImportRun", "OrganisationLink", "ServiceIndex", "ServiceIndexTerm"]
