"""Models of ervaringsdeskundigen, one module per entity.

- lists: the managed lists (themes, kinds of work, languages) profiles and requests use;
- expert: the expert's profile, weekly availability and periods away;
- request: an organisation's request, its history, assignments (one per expert), evaluation;
- allowance: the legal volunteer allowance rates per year and each expert's year;
- intervision: group sessions for experts, with places through huis.places.
"""

from .allowance import AllowanceRate, AllowanceYear, KmRate
from .expert import Absence, Availability, Expert
from .intervision import IntervisionSession
from .lists import Language, Region, Theme, WorkKind
from .request import Assignment, Evaluation, ExpertRequest, ReportEvent, RequestEvent

__all__ = [
    "Absence",
    "AllowanceRate",
    "AllowanceYear",
    "Assignment",
    "Availability",
    "Evaluation",
    "Expert",
    "ExpertRequest",
    "IntervisionSession",
    "KmRate",
    "Language",
    "Region",
    "ReportEvent",
    "RequestEvent",
    "Theme",
    "WorkKind",
]
