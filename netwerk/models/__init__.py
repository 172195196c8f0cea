"""Models of the partner network, one module per part (see each module's first lines)."""

from .charter import Charter, CharterSignature
from .guidance import GuidanceAgreement, GuidanceEvaluation, GuidanceHandover
from .learning import LearningGroup, LearningSession
from .people import Consent, ConsentWithdrawal, Person
from .places import WelcomingPlace
from .referrals import Referral, ReferralEvent

__all__ = [
    "Charter",
    "CharterSignature",
    "Consent",
    "ConsentWithdrawal",
    "GuidanceAgreement",
    "GuidanceEvaluation",
    "GuidanceHandover",
    "LearningGroup",
    "LearningSession",
    "Person",
    "Referral",
    "ReferralEvent",
    "WelcomingPlace",
]
