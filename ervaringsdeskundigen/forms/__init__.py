"""Forms of ervaringsdeskundigen, by who fills them in: public (organisations), the expert's own,
the coordinators'. Public forms are short and plain; the others are rendered with crispy."""

from .coordinator import (
    AllowanceModeForm,
    ApproveForm,
    ExpertCreateForm,
    ExpertForm,
    IntervisionCallOffForm,
    IntervisionForm,
    IntervisionMomentForm,
    ProposeForm,
    ReasonForm,
    ReturnReportForm,
    ScheduleForm,
)
from .expert import AbsenceForm, ElsewhereForm, OwnProfileForm, ReportForm, slot_name
from .public import EvaluationForm, RequestForm
from .widgets import DateInput, TimeInput

__all__ = [
    "AbsenceForm",
    "AllowanceModeForm",
    "ApproveForm",
    "DateInput",
    "ElsewhereForm",
    "EvaluationForm",
    "ExpertCreateForm",
    "ExpertForm",
    "IntervisionCallOffForm",
    "IntervisionForm",
    "IntervisionMomentForm",
    "OwnProfileForm",
    "ProposeForm",
    "ReasonForm",
    "ReportForm",
    "RequestForm",
    "ReturnReportForm",
    "ScheduleForm",
    "TimeInput",
    "slot_name",
]
