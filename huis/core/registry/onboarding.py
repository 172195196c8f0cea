"""The steps of an organisation's onboarding."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


@dataclass(frozen=True)
class OnboardingState:
    """Where one organisation stands in one onboarding step. `text` says it ("charter signed on
    3 March 2026 by An"); `action_url` and `action_label` the way to do what is missing (empty
    when done or when the user cannot act)."""

    done: bool
    text: str
    action_url: str = ""
    action_label: str = ""


@dataclass(frozen=True)
class OnboardingStep:
    """A function's part of an organisation's onboarding (issue #25: the network's charter).
    `states(organisations, user)` returns {organisation pk: OnboardingState} for all of them in a
    fixed number of queries (the people page asks it once for every organisation)."""

    name: str
    label: str | Promise
    states: Callable[[list, Any], dict[int, OnboardingState]]
    order: int = 100


_onboarding: dict[str, OnboardingStep] = {}


def register_onboarding_step(step: OnboardingStep) -> None:
    _onboarding[step.name] = step


def onboarding_of(organisations: list, user: Any) -> dict[int, list[tuple[Any, OnboardingState]]]:
    """{organisation pk: [(step label, state), ...]} in the steps' order."""
    result: dict[int, list[tuple[Any, OnboardingState]]] = {o.pk: [] for o in organisations}
    if not organisations:
        return result
    for step in sorted(_onboarding.values(), key=lambda s: (s.order, s.name)):
        states = step.states(organisations, user)
        for organisation in organisations:
            state = states.get(organisation.pk)
            if state is not None:
                result[organisation.pk].append((step.label, state))
    return result
