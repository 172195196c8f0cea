"""Demo of issue #25's people functions: an open invitation for a partner's new worker, a new
partner organisation being onboarded (its contact person is invited; the charter is not signed
yet, while the network's demo has partners that signed), and a past import of a list of regulars
(committed two days ago, so it can no longer be undone)."""

import datetime as dt

from django.utils import timezone

from huis.core.registry import register_demo_seeder

from .imports import import_commit, import_preview
from .invitations import invitation_create
from .models import ImportBatch, Invitation, Membership, Organisation, User

INVITED = "nieuwe.collega@buurtwerk-de-brug.example"
NEW_PARTNER = "kringwinkel-zeestad"
NEW_CONTACT = "contact@kringwinkel-zeestad.example"
IMPORT_FILE = "vaste-bezoekers-demo.csv"
IMPORT_CSV = (
    "naam,e-mail,telefoon,taal\n"
    "Mieke Demo,mieke@voorbeeld.example,,nl\n"
    "Ahmed Demo,,+32 470 00 01 01,fr\n"
    "Lien Demo,lien@voorbeeld.example,,nl\n"
    "Lien Demo,LIEN@voorbeeld.example,,nl\n"
    "Geen Adres,geen-adres,,nl\n"
)


@register_demo_seeder("accounts-onboarding", order=12)
def seed(*, stdout) -> None:
    coordinator = User.objects.filter(email="coordinator@huis.example").first()
    organisation = Organisation.objects.filter(slug="buurtwerk-de-brug").first()
    if coordinator is None or organisation is None:
        return
    if not Invitation.objects.filter(email=INVITED).exists():
        invitation_create(
            email=INVITED,
            display_name="Nieuwe collega",
            organisation=organisation,
            role="partner_worker",
            actor=coordinator,
        )
    new_partner = Organisation.objects.get_or_create(
        slug=NEW_PARTNER,
        defaults={"name": "Kringwinkel Zeestad", "kind": Organisation.Kind.PARTNER},
    )[0]
    if not Invitation.objects.filter(email=NEW_CONTACT).exists():
        invitation_create(
            email=NEW_CONTACT,
            display_name="Sofie (Kringwinkel)",
            organisation=new_partner,
            role="partner_worker",
            function=Membership.Function.CONTACT,
            actor=coordinator,
        )
    if not ImportBatch.objects.filter(filename=IMPORT_FILE).exists():
        batch = import_preview(
            filename=IMPORT_FILE, content=IMPORT_CSV.encode(), invite=False, actor=coordinator
        )
        import_commit(batch=batch, actor=coordinator)
        two_days_ago = timezone.now() - dt.timedelta(days=2)
        ImportBatch.objects.filter(pk=batch.pk).update(committed_at=two_days_ago)
