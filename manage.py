#!/usr/bin/env python
"""Django's command-line utility for the portal."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "huis.settings")
    from django.core.management import execute_from_command_line
    from django.db.utils import OperationalError
    from redis.exceptions import ConnectionError as RedisConnectionError

    try:
        execute_from_command_line(sys.argv)
    except OperationalError as exc:
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else exc.__class__
        sys.exit(
            f"PostgreSQL is not reachable ({first_line}). Start it or set DATABASE_URL; "
            "see README.md."
        )
    except RedisConnectionError:
        sys.exit("Redis is not reachable. Start it or set REDIS_URL; see README.md.")


if __name__ == "__main__":
    main()
