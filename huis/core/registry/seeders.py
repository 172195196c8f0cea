"""Each app's part of `manage.py seed_demo` and of `manage.py seed_scale` (the benchmark's data)."""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class DemoSeeder:
    name: str
    order: int
    seed: Callable[..., None]


_seeders: dict[str, DemoSeeder] = {}


def register_demo_seeder(name: str, *, order: int) -> Callable:
    """Decorator: `seed(*, stdout)` builds this app's demo data, idempotently."""

    def decorator(func: Callable[..., None]) -> Callable[..., None]:
        _seeders[name] = DemoSeeder(name=name, order=order, seed=func)
        return func

    return decorator


def demo_seeders() -> list[DemoSeeder]:
    return sorted(_seeders.values(), key=lambda s: (s.order, s.name))


@dataclass(frozen=True)
class ScaleSeeder:
    name: str
    order: int
    seed: Callable[..., None]


_scale_seeders: dict[str, ScaleSeeder] = {}


def register_scale_seeder(name: str, *, order: int) -> Callable:
    """Decorator: `seed(*, sizes, rng, stdout)` bulk-inserts this app's part of `seed_scale`.

    `sizes` maps names such as "activities" or "outreach" to counts; `rng` is a seeded
    random.Random, so the same sizes always give the same data.
    """

    def decorator(func: Callable[..., None]) -> Callable[..., None]:
        _scale_seeders[name] = ScaleSeeder(name=name, order=order, seed=func)
        return func

    return decorator


def scale_seeders() -> list[ScaleSeeder]:
    return sorted(_scale_seeders.values(), key=lambda s: (s.order, s.name))
