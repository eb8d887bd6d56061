from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    PROVINCIAL_MINISTRY = "provincial_ministry", _("Provincial ministry")
    MUNICIPALITY = "municipality", _("Municipality")
    NGO = "ngo", _("NGO")
    HEALTH_AUTHORITY = "health_authority", _("Health authority")
    MENTAL_HEALTH_ADDICTIONS = "mental_health_addictions", _("Mental health & addictions service")
    POLICE = "police", _("Police")
    PROBATION = "probation", _("Probation")
    BYLAW = "bylaw", _("Bylaw")
    SCHOOL = "school", _("School")
    COMMUNITY_GROUP = "community_group", _("Community group")
    PRIVATE_PARTNER = "private_partner", _("Private partner")


class JurisdictionKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    MUNICIPALITY = "municipality", _("Municipality")
    DISTRICT = "district", _("District / estate")


class Role(models.TextChoices):
    OUTREACH_WORKER = "outreach_worker", _("Outreach worker")
    INTAKE_OFFICER = "intake_officer", _("Intake officer")
    CASEWORKER = "caseworker", _("Caseworker")
    SUPERVISOR = "supervisor", _("Supervisor")
    RECEIVING_AGENCY_STAFF = "receiving_agency_staff", _("Receiving-agency staff")
    TABLE_CHAIR = "table_chair", _("Table chair")
    TABLE_MEMBER = "table_member", _("Table member")
    BENEFITS_OFFICER = "benefits_officer", _("Benefits officer")
    BENEFITS_APPROVER = "benefits_approver", _("Benefits approver")
    PROGRAMME_COORDINATOR = "programme_coordinator", _("Programme coordinator")
    ANALYST = "analyst", _("Analyst")
    DATA_STEWARD = "data_steward", _("Data steward")
    ADMINISTRATOR = "administrator", _("Administrator")


class TeamKind(models.TextChoices):
    WALKABOUT_CREW = "walkabout_crew", _("Walkabout crew")
    MOBILE_OUTREACH_TEAM = "mobile_outreach_team", _("Mobile outreach team")
    WORKGROUP = "workgroup", _("Local workgroup")
    ACTION_TABLE = "action_table", _("Multi-agency action table")
    CASE_TEAM = "case_team", _("Case team")
