"""When PostgreSQL or Redis is unreachable, the set-up says so in one clear line."""

from huis.preflight import check_postgres, check_redis


def test_unreachable_redis_is_one_clear_line():
    problem = check_redis("redis://127.0.0.1:1/0")
    assert problem.startswith("Redis does not answer at redis://127.0.0.1:1/0")
    assert "\n" not in problem


def test_unreachable_postgres_is_one_clear_line():
    problem = check_postgres({"NAME": "huis", "HOST": "127.0.0.1", "PORT": 1, "USER": "postgres"})
    assert problem.startswith("PostgreSQL does not answer at 127.0.0.1:1")
    assert "DATABASE_URL" in problem and "\n" not in problem


def test_reachable_services_are_no_problem(settings):
    assert check_redis(settings.REDIS_URL) is None
    assert check_postgres(settings.DATABASES["default"]) is None
