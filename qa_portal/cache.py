"""The Redis cache, as a cache: Redis being down is a miss, not an error page.

Issue 8 ("Redis or the broker down: survey submissions and votes are still saved"): with
``REDIS_URL`` the sessions are read through this cache (``cached_db``), so a Redis that stops
would otherwise turn every signed-in page into a 500. Here a Redis error is logged and the
cache answers as if empty (a read finds nothing, a write keeps nothing), so sessions fall back to
the database and a survey answer or a vote goes through; ``/health/`` still reports the cache
as failing, since what it writes cannot be read back.
"""

import logging

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


def _missing(name, answer):
    """``RedisCacheClient.<name>``, answering ``answer(*args)`` when Redis fails."""
    method = getattr(RedisCacheClient, name)

    def tolerant(self, *args):
        try:
            return method(self, *args)
        except RedisError as exc:
            logger.warning("cache %s skipped, Redis fails: %s", name, exc)
            return answer(*args)

    return tolerant


class TolerantRedisCacheClient(RedisCacheClient):
    add = _missing("add", lambda key, value, timeout: False)
    get = _missing("get", lambda key, default: default)
    set = _missing("set", lambda key, value, timeout: None)
    touch = _missing("touch", lambda key, timeout: False)
    delete = _missing("delete", lambda key: False)
    get_many = _missing("get_many", lambda keys: {})
    has_key = _missing("has_key", lambda key: False)
    set_many = _missing("set_many", lambda data, timeout: list(data))
    delete_many = _missing("delete_many", lambda keys: None)
    clear = _missing("clear", lambda: False)


class TolerantRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that survives Redis being down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
