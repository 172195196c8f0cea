"""Models of trajecten: programmes with an inclusion committee, applications prepared with a
family, the committee's decisions, and the trajectory of every admitted household.

Split per entity: `programmes` (programme, committee, members, meetings), `applications`
(application, housing history, agenda items, decisions) and `trajectories` (trajectory, goals,
contacts, evaluation moments, housing checks).
"""

from .applications import AgendaItem, Application, Decision, HousingSituation, HousingStep
from .programmes import Committee, CommitteeMember, Meeting, Programme
from .trajectories import (
    ContactKind,
    ContactLog,
    EndReason,
    EvaluationMoment,
    Goal,
    HousingCheck,
    LifeDomain,
    Trajectory,
)

__all__ = [
    "AgendaItem",
    "Application",
    "Committee",
    "CommitteeMember",
    "ContactKind",
    "ContactLog",
    "Decision",
    "EndReason",
    "EvaluationMoment",
    "Goal",
    "HousingCheck",
    "HousingSituation",
    "HousingStep",
    "LifeDomain",
    "Meeting",
    "Programme",
    "Trajectory",
]
