"""Django's Redis cache, with one redis-py client per connection pool instead of one per call.

Django's `RedisCacheClient.get_client()` builds a new `redis.Redis` for every cache operation;
each one copies redis-py's table of about 170 response callbacks. On a cached page that was
the largest part of the work that is not the round trip itself (issue #30, profiled with
bench/request_cost.py). A client is safe to share between threads (it takes a connection from
its pool for each command) and after a fork (the pool notices the new process and starts afresh),
so one per pool is kept. Everything else is Django's own backend, plus one operation of our own:
`incr_versions`, the versioned cache's bump of many scopes in one round trip.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient as DjangoRedisCacheClient


class RedisCacheClient(DjangoRedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients: dict[int, object] = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            if index not in self._pools:
                self._pools[index] = self._pool_class.from_url(
                    self._servers[index], **self._pool_options
                )
            client = self._clients[index] = self._client(connection_pool=self._pools[index])
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient
        self._scripts: dict[int, object] = {}

    # Each key: one more when it is there, else a value never used before (`start`, the clock
    # in nanoseconds), so a value kept under an evicted counter can never come back. Atomic,
    # and one round trip for any number of keys; Django's `incr` takes two per key.
    _INCR_OR_START = """
for _, key in ipairs(KEYS) do
  if redis.call('EXISTS', key) == 1 then
    redis.call('INCR', key)
  else
    redis.call('SET', key, ARGV[1])
  end
end
return #KEYS
"""

    def incr_versions(self, keys: list[str], *, start: int) -> None:
        """Add one to every counter in `keys` (kept without expiry), or start it at `start`."""
        made = [self.make_and_validate_key(key) for key in keys]
        client = self._cache.get_client(made[0], write=True)
        script = self._scripts.get(id(client))
        if script is None:
            script = self._scripts[id(client)] = client.register_script(self._INCR_OR_START)
        script(keys=made, args=[start])
