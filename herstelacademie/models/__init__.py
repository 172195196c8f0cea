"""The Recovery College: terms, courses with their trainers and sessions, enrolments,
attendance, the student's learning plan and the evaluation after a course; one module per part.

Places and waiting lists are not counted here: every course has one huis.places offering; an
enrolment with a place holds a claim of that offering.
"""

from .courses import (
    SEARCH_CONFIG,
    Course,
    CourseFormat,
    CourseSession,
    CourseTrainer,
    Term,
    Theme,
    TrainerRole,
    search_vector,
)
from .enrollments import Attendance, Enrollment, EvaluationResponse
from .plans import LearningEntry, LearningPlan

__all__ = [
    "SEARCH_CONFIG",
    "Attendance",
    "Course",
    "CourseFormat",
    "CourseSession",
    "CourseTrainer",
    "Enrollment",
    "EvaluationResponse",
    "LearningEntry",
    "LearningPlan",
    "Term",
    "Theme",
    "TrainerRole",
    "search_vector",
]
