"""The portal's Redis cache keeps one client per pool (issue #30), on the real test Redis, and a
forked process (a gunicorn worker forked from the preloaded master) gets connections of its own."""

import os

from django.core.cache import cache


def test_one_client_is_reused_for_every_operation():
    backend = cache._cache
    assert backend.get_client() is backend.get_client(write=True)
    cache.set("perf:reuse", "a", 30)
    assert cache.get("perf:reuse") == "a"
    assert cache.get_many(["perf:reuse", "perf:missing"]) == {"perf:reuse": "a"}


def test_a_forked_process_uses_connections_of_its_own():
    cache.set("perf:fork", "parent", 30)  # the parent holds an open connection now
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: what a fresh gunicorn worker does first
        try:
            values = [cache.get("perf:fork") for _ in range(50)]
            cache.set("perf:fork-child", "child", 30)
            os.write(write, b"1" if values == ["parent"] * 50 else b"0")
        finally:
            os._exit(0)
    os.close(write)
    os.waitpid(pid, 0)
    assert os.read(read, 1) == b"1"
    # Had the child written on the parent's socket, these answers would be out of step.
    for n in range(20):
        cache.set(f"perf:after-{n}", n, 30)
        assert cache.get(f"perf:after-{n}") == n
    assert cache.get("perf:fork-child") == "child"
