"""The network's part of the benchmark (`manage.py seed_scale`): `referrals` warm referrals
between the seeded partner organisations, each with its person, consent and first history row;
the statuses spread as in a real year (a fifth of the consents withdrawn on closed ones)."""

import datetime as dt

from django.utils import timezone

from huis.accounts.models import Membership, Organisation
from huis.core.registry import register_scale_seeder

from .models import Consent, Person, Referral, ReferralEvent
from .models.people import CONSENT_TEXT_VERSION

STATUSES = ["sent", "accepted", "in_progress", "closed", "closed", "declined"]


@register_scale_seeder("netwerk", order=60)
def seed(*, sizes: dict[str, int], rng, stdout) -> None:
    count = sizes.get("referrals", 0)
    partners = list(Organisation.objects.filter(kind=Organisation.Kind.PARTNER).order_by("pk"))
    if count <= 0 or len(partners) < 2:
        return
    workers: dict[int, int] = dict(
        Membership.objects.filter(organisation__in=partners)
        .order_by("organisation_id", "pk")
        .values_list("organisation_id", "user_id")
    )
    now = timezone.now()
    persons, pairs = [], []
    for n in range(count):
        origin, target = rng.sample(partners, 2)
        created = now - dt.timedelta(days=rng.randrange(0, 5 * 365), minutes=rng.randrange(1440))
        persons.append(
            Person(
                alias=f"Persoon {n + 1}", organisation=origin, created_by_id=workers.get(origin.pk)
            )
        )
        pairs.append((origin, target, created))
    persons = Person.objects.bulk_create(persons, batch_size=2000)
    consents = Consent.objects.bulk_create(
        [
            Consent(
                person=person,
                recorded_by_id=workers.get(origin.pk),
                recorded_by_organisation=origin,
                recorded_at=created,
                items=["question"],
                text_version=CONSENT_TEXT_VERSION,
            )
            for person, (origin, _target, created) in zip(persons, pairs, strict=True)
        ],
        batch_size=2000,
    )
    Consent.organisations.through.objects.bulk_create(
        [
            Consent.organisations.through(consent_id=consent.pk, organisation_id=target.pk)
            for consent, (_origin, target, _created) in zip(consents, pairs, strict=True)
        ],
        batch_size=5000,
    )
    referrals = []
    for person, consent, (origin, target, created) in zip(persons, consents, pairs, strict=True):
        status = rng.choice(STATUSES)
        finished = status in ("closed", "declined")
        referrals.append(
            Referral(
                person=person,
                consent=consent,
                from_organisation=origin,
                from_worker_id=workers.get(origin.pk),
                to_organisation=target,
                question="Een vraag om hulp.",
                status=status,
                decline_reason="Geen plaats." if status == "declined" else "",
                closed_at=created + dt.timedelta(days=20) if finished else None,
            )
        )
    referrals = Referral.objects.bulk_create(referrals, batch_size=2000)
    ReferralEvent.objects.bulk_create(
        [
            ReferralEvent(referral=r, organisation_id=r.from_organisation_id, to_status="sent")
            for r in referrals
        ],
        batch_size=5000,
    )
    stdout.write(f"    {len(referrals)} referrals between {len(partners)} partners")
