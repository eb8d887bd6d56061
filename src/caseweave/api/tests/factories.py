"""factory_boy factories for API clients and tokens."""

from __future__ import annotations

import factory

from caseweave.api import tokens
from caseweave.api.models import ApiClient, ApiToken
from caseweave.api.scopes import Scope
from caseweave.core.tests.factories import MembershipFactory


class ApiClientFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApiClient

    acting_membership = factory.SubFactory(MembershipFactory)
    organisation = factory.SelfAttribute("acting_membership.organisation")
    name = factory.Sequence(lambda n: f"Integration {n}")
    scopes = factory.LazyFunction(lambda: [str(Scope.PLATFORM_READ)])


def token_for(client: ApiClient, **kwargs: object) -> tuple[ApiToken, str]:
    """A token row for ``client`` and its raw secret."""
    prefix, raw = tokens.generate()
    token = ApiToken.objects.create(
        client=client, prefix=prefix, secret_hash=tokens.hash_token(raw), **kwargs
    )
    return token, raw
