"""The staff's pages: plan the programme (activities), sign-ups and the desk on the day (claims),
open hours and walk-in (walk_in), figures (overview). Every view is importable from here, as
ontmoeting/urls.py does."""

from .activities import (
    ActivityCreateView,
    ActivityUpdateView,
    ActivityWalkInsView,
    CancelActivityView,
    PublishView,
    StaffActivityView,
    StaffListView,
)
from .base import PERM, ActivityToManageMixin, ClaimToManageMixin, StaffMixin, StaffPostView
from .claims import (
    AttendanceCsvView,
    AttendanceView,
    ClaimAttendanceView,
    ClaimCancelView,
    ClaimMoveUpView,
    StaffSignUpView,
)
from .overview import OverviewView
from .walk_in import WalkInView

__all__ = [
    "PERM",
    "ActivityCreateView",
    "ActivityToManageMixin",
    "ActivityUpdateView",
    "ActivityWalkInsView",
    "AttendanceCsvView",
    "AttendanceView",
    "CancelActivityView",
    "ClaimAttendanceView",
    "ClaimCancelView",
    "ClaimMoveUpView",
    "ClaimToManageMixin",
    "OverviewView",
    "PublishView",
    "StaffActivityView",
    "StaffListView",
    "StaffMixin",
    "StaffPostView",
    "StaffSignUpView",
    "WalkInView",
]
