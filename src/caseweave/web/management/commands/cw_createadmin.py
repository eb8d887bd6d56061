"""``caseweave createadmin``: create an administrator in an organisation."""

from __future__ import annotations

import getpass
from typing import Any

from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction

from caseweave.core.choices import OrganisationKind, Role
from caseweave.core.models import Membership, Organisation, User


class Command(BaseCommand):
    help = "Create an administrator account (and its organisation if new)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--email", required=True)
        parser.add_argument("--name", required=True, help="the administrator's full name")
        parser.add_argument("--organisation", required=True, help="organisation name")
        parser.add_argument("--password", help="omit to be asked (recommended)")

    def handle(self, *args: Any, **options: Any) -> None:
        password = options["password"] or getpass.getpass("Password: ")
        try:
            validate_password(password)
        except ValidationError as error:
            raise CommandError("password: " + " ".join(error.messages)) from error
        email = options["email"].strip().lower()
        if User.objects.filter(email=email).exists():
            raise CommandError(f"email: an account for {email} already exists")
        with transaction.atomic():
            organisation, _ = Organisation.objects.get_or_create(
                name=options["organisation"], defaults={"kind": OrganisationKind.MUNICIPALITY}
            )
            user = User.objects.create_user(
                email, password, full_name=options["name"], is_staff=True
            )
            Membership.objects.create(user=user, organisation=organisation, role=Role.ADMINISTRATOR)
        self.stdout.write(f"Administrator {email} created in {organisation}.")
