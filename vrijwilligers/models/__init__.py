from .shifts import Shift, ShiftHours, ShiftKind, ShiftSeries, SwapRequest
from .volunteers import Application, Task, Volunteer

__all__ = [
    "Application",
    "Shift",
    "ShiftHours",
    "ShiftKind",
    "ShiftSeries",
    "SwapRequest",
    "Task",
    "Volunteer",
]
