"""Ontmoeting's section of the yearly report (huis.core.report): the same counts as the yearly
overview page (selectors.overview) for any period, plus unique people and feedback."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from huis.core.registry import ReportSection, register_report_section
from huis.core.report.figures import Chart, ChartRow, Figure, Period, Section
from huis.core.report.people import person_key, unique_and_returning
from huis.places.models import PlaceClaim

from .models import Activity, Category, WalkInTally

SCOPE = "report-ontmoeting"


def _activities(period: Period):
    return Activity.objects.filter(
        starts_at__date__gte=period.start, starts_at__date__lte=period.end
    ).exclude(status=Activity.Status.DRAFT)


def build(*, period: Period) -> Section:
    activities = _activities(period)
    counts = activities.aggregate(
        held=Count("pk", filter=Q(status=Activity.Status.PUBLISHED)),
        cancelled=Count("pk", filter=Q(status=Activity.Status.CANCELLED)),
        walk=Sum("walk_in_count", filter=Q(status=Activity.Status.PUBLISHED)),
    )
    held = activities.filter(status=Activity.Status.PUBLISHED)
    claims = PlaceClaim.objects.filter(
        offering_id__in=held.values("offering_id"), status=PlaceClaim.Status.CONFIRMED
    )
    places = claims.aggregate(
        signed_up=Sum("places"),
        attended=Sum("places", filter=Q(attendance=PlaceClaim.Attendance.ATTENDED)),
    )
    tallies = WalkInTally.objects.filter(date__gte=period.start, date__lte=period.end)
    walk_ins = tallies.aggregate(n=Sum("count"))["n"] or 0
    keys = [
        person_key(email=user_email or email, phone_digits=phone, user_id=user_id)
        for user_id, user_email, email, phone in claims.values_list(
            "user_id", "user__email", "email", "phone_digits"
        ).iterator(chunk_size=5000)
    ]
    unique, returning, people = unique_and_returning(keys)
    categories = dict(Category.choices)
    by_category = [
        ChartRow(label=str(categories.get(row["category"], row["category"])), value=row["n"])
        for row in held.values("category").annotate(n=Count("pk")).order_by("-n", "category")
    ]
    figures = [
        Figure(
            "activities",
            _("Activities held"),
            counts["held"],
            _("Published activities that started in the period (cancelled ones not counted)."),
        ),
        Figure(
            "cancelled",
            _("Activities cancelled"),
            counts["cancelled"],
            _("Activities of the period that were cancelled after they were published."),
        ),
        Figure(
            "places",
            _("Places taken"),
            places["signed_up"] or 0,
            _("Confirmed places in the activities held (one person may take several places)."),
            people=True,
        ),
        Figure(
            "attended",
            _("Places used"),
            places["attended"] or 0,
            _("Confirmed places marked 'was there' at the check-in."),
            people=True,
        ),
        Figure(
            "activity_walk_ins",
            _("Walk-ins at activities"),
            counts["walk"] or 0,
            _("People who joined an activity without signing up, as counted by the staff."),
            people=True,
        ),
        Figure(
            "walk_ins",
            _("Visits during the open house"),
            walk_ins,
            _("Visits counted during the open hours (walk-in tallies of each day)."),
            people=True,
        ),
        Figure(
            "unique",
            _("Different people signed up"),
            unique,
            _(
                "People with a confirmed place, each counted once: an account and a guest "
                "sign-up with the same email address or phone number are one person."
            ),
            people=True,
        ),
        Figure(
            "returning",
            _("People who came back"),
            returning,
            _("Of those people: how many had a place in more than one activity."),
            people=True,
        ),
    ]
    figures += _feedback_figures(held)
    return Section(
        name="ontmoeting",
        title=_("Meeting"),
        figures=figures,
        charts=[Chart(title=_("Activities held per kind"), rows=by_category)],
        people_keys=people,
    )


def _feedback_figures(held) -> list[Figure]:
    from .models import ActivityFeedback

    rows = dict(
        ActivityFeedback.objects.filter(activity__in=held)
        .values_list("face")
        .annotate(n=Count("pk"))
        .values_list("face", "n")
    )
    faces = ActivityFeedback.Face
    return [
        Figure(
            "feedback",
            _("Answers to 'how was it?'"),
            sum(rows.values()),
            _("Anonymous answers to the question the day after an activity (one per person)."),
            people=True,
        ),
        Figure(
            "feedback_good",
            _("Answered 'good'"),
            rows.get(faces.GOOD, 0),
            _("Smiling face."),
            people=True,
        ),
        Figure(
            "feedback_ok",
            _("Answered 'so-so'"),
            rows.get(faces.OK, 0),
            _("Neutral face."),
            people=True,
        ),
        Figure(
            "feedback_bad",
            _("Answered 'not good'"),
            rows.get(faces.BAD, 0),
            _("Sad face."),
            people=True,
        ),
    ]


def register() -> None:
    from huis.core.versioned_cache import watch

    from .models import ActivityFeedback

    watch(PlaceClaim, WalkInTally, ActivityFeedback, scopes=[SCOPE])
    register_report_section(
        ReportSection(
            name="ontmoeting",
            title=gettext_lazy("Meeting"),
            build=build,
            scopes=("ontmoeting", "places", SCOPE),
            code=("ontmoeting.report",),
            order=10,
        )
    )
