"""The demo data of beeldvorming: two campaigns, published stories, one anonymous; idempotent."""

import re

import pytest
from django.urls import reverse

from beeldvorming.demo import seed
from beeldvorming.models import Campaign, CampaignAction, ConsentRecord
from beeldvorming.models import Testimony as Story
from huis.accounts.demo import seed as seed_accounts
from huis.accounts.models import User

pytestmark = pytest.mark.django_db


class _Out:
    def write(self, text: str) -> None:
        pass


def _counts() -> tuple[int, ...]:
    return (
        Campaign.objects.count(),
        CampaignAction.objects.count(),
        Story.objects.count(),
        ConsentRecord.objects.count(),
    )


def test_demo_builds_two_campaigns_and_stories_and_is_idempotent(client):
    seed_accounts(stdout=_Out())
    seed(stdout=_Out())
    first = _counts()
    seed(stdout=_Out())
    assert _counts() == first
    assert first[0] == 2

    expert = User.objects.get(email="ervaringsdeskundige@huis.example")
    assert CampaignAction.objects.filter(experts=expert).exists()

    published = Story.objects.filter(status=Story.Status.PUBLISHED)
    assert published.count() >= 3
    anonymous = published.get(consent__attribution="anonymous")
    assert anonymous.author.email == "bezoeker@huis.example"

    # The anonymous visitor's name ("Sam") is nowhere on the public pages.
    for url in (
        reverse("verhalen:list"),
        reverse("verhalen:detail", args=[anonymous.pk]),
        reverse("verhalen:feed"),
    ):
        html = client.get(url).text
        assert anonymous.title in html
        assert not re.search(r"\bSam\b", html)
        assert "bezoeker@huis.example" not in html
