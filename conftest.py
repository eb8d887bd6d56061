"""Fixtures shared by every test: personas (one staff member per role) and clients."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping

import pytest
from django.test import Client
from tests.personas import PERSONA_ROLES, Persona

from caseweave.core.selectors import user_requires_two_factor
from caseweave.core.tests.factories import (
    MembershipFactory,
    OrganisationFactory,
    UserFactory,
    pass_second_factor,
)


@pytest.fixture(autouse=True)
def uploads_in_a_temporary_folder(settings, tmp_path) -> None:
    """Files tests upload (person documents, import files) never land in the developer's var/."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def empty_cache() -> None:
    """Each test starts with an empty cache, as each starts with a rolled-back database.

    The cache outlives a test's transaction: API rate-limit counts, keyed by user ids the
    next test reuses, added up across the authorization matrix until routes answered 429.
    """
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(autouse=True)
def fast_password_hashing(settings) -> None:
    """Argon2 is deliberately slow; tests that create many accounts use a fast hasher.

    Production hashing is covered by test_password_hashing_is_argon2 in tests/test_settings.py.
    """
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def home_organisation(db):
    return OrganisationFactory(name="Home Agency", short_name="Home")


@pytest.fixture
def other_organisation(db):
    return OrganisationFactory(name="Other Agency", short_name="Other")


@pytest.fixture
def make_persona(db, home_organisation) -> Callable[..., Persona]:
    def make(key: str, organisation=None, role: str | None = None) -> Persona:
        membership = MembershipFactory(
            user=UserFactory(email=f"{key}@example.test", full_name=key.replace("_", " ").title()),
            organisation=organisation or home_organisation,
            role=role or PERSONA_ROLES[key],
        )
        return Persona(key=key, user=membership.user, membership=membership)

    return make


class LazyPersonas(Mapping[str, Persona]):
    """One persona per role, created the first time a test asks for it.

    The authorization matrix runs thousands of requests, each needing one or two
    personas; creating all thirteen accounts for every one of them dominated the run.
    Tests that rely on the whole cast existing (a steward being notified) use ``personas``.
    """

    def __init__(self, make: Callable[..., Persona]) -> None:
        self._make = make
        self._created: dict[str, Persona] = {}

    def __getitem__(self, key: str) -> Persona:
        if key not in PERSONA_ROLES:
            raise KeyError(key)
        if key not in self._created:
            self._created[key] = self._make(key)
        return self._created[key]

    def __iter__(self) -> Iterator[str]:
        return iter(PERSONA_ROLES)

    def __len__(self) -> int:
        return len(PERSONA_ROLES)


@pytest.fixture
def personas(make_persona) -> dict[str, Persona]:
    """One persona per role, all in the home organisation."""
    return {key: make_persona(key) for key in PERSONA_ROLES}


@pytest.fixture
def lazy_personas(make_persona) -> Mapping[str, Persona]:
    """The same cast, each created on first use: for tests that need one or two of them."""
    return LazyPersonas(make_persona)


@pytest.fixture
def client_for() -> Callable[[Persona | None], Client]:
    def make(persona: Persona | None) -> Client:
        client = Client()
        if persona is not None:
            client.force_login(persona.user, backend="django.contrib.auth.backends.ModelBackend")
            if user_requires_two_factor(persona.user):
                # Stewards and administrators must pass TOTP before any page opens.
                pass_second_factor(client, persona.user)
        return client

    return make
