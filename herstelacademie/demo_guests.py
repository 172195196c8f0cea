"""Demo of 'iedereen welkom' (issue #25): a guest enrolled without an account, someone enrolled
at the desk by staff, and a short message from staff to everyone with a place in the course."""

from huis.accounts.models import User
from huis.core.registry import message_audience, register_demo_seeder
from huis.notifications.models import NoticeMessage
from huis.notifications.staff_messages import message_send

from . import services
from .models import Course, Enrollment

COURSE = "Mindfulness voor beginners"
MESSAGE = "Breng gerust een dekentje of een kussen mee. Er is thee vanaf 9.30 uur."


@register_demo_seeder("herstelacademie-guests", order=36)
def seed(*, stdout) -> None:
    course = Course.objects.filter(title=COURSE).order_by("-pk").first()
    staff = User.objects.filter(email="medewerker@huis.example").first()
    if course is None or staff is None:
        return
    guests = Enrollment.objects.filter(course=course, user__isnull=True)
    if not guests.filter(claim__name="Gast Vera").exists():
        services.enrollment_create_as_guest(
            course=course, name="Gast Vera", email="vera@voorbeeld.example", language="nl"
        )
    if not guests.filter(claim__name="Marc (aan de balie)").exists():
        services.enrollment_create_as_guest(
            course=course, name="Marc (aan de balie)", phone="+32 470 00 02 02", actor=staff
        )
    audience = message_audience("herstelacademie-course")
    if audience is None:
        return
    if not NoticeMessage.objects.filter(audience=audience.name, object_id=course.pk).exists():
        message_send(audience=audience, obj=course, to_waiting=False, text=MESSAGE, actor=staff)
