"""Publishing to UiTdatabank (publiq's Entry API v3)."""

from django.core.exceptions import ImproperlyConfigured

from .environment import env

# --- Publishing to UiTdatabank (publiq's Entry API v3) -----------------------------------------
# Client credentials from publiq platform (platform.publiq.be); empty: nothing is sent or queued.
UITDATABANK_CLIENT_ID = env.str("UITDATABANK_CLIENT_ID", default="")
UITDATABANK_CLIENT_SECRET = env.str("UITDATABANK_CLIENT_SECRET", default="")
# "test" (io-test.uitdatabank.be, free test credentials) or "production" (io.uitdatabank.be).
UITDATABANK_ENVIRONMENT = env.str("UITDATABANK_ENVIRONMENT", default="test")
_UIT_HOSTS = {
    "test": (
        "https://io-test.uitdatabank.be",
        "https://account-test.uitid.be/oauth/token",
        "https://search-test.uitdatabank.be",
    ),
    "production": (
        "https://io.uitdatabank.be",
        "https://account.uitid.be/oauth/token",
        "https://search.uitdatabank.be",
    ),
}
if UITDATABANK_ENVIRONMENT not in _UIT_HOSTS:
    raise ImproperlyConfigured("UITDATABANK_ENVIRONMENT must be 'test' or 'production'.")
UITDATABANK_API_URL = env.str("UITDATABANK_API_URL", default=_UIT_HOSTS[UITDATABANK_ENVIRONMENT][0])
UITDATABANK_TOKEN_URL = env.str(
    "UITDATABANK_TOKEN_URL", default=_UIT_HOSTS[UITDATABANK_ENVIRONMENT][1]
)
# The Search API, to find a place before creating one (publiq asks to reuse places).
UITDATABANK_SEARCH_URL = env.str(
    "UITDATABANK_SEARCH_URL", default=_UIT_HOSTS[UITDATABANK_ENVIRONMENT][2]
)
UITDATABANK_AUDIENCE = env.str("UITDATABANK_AUDIENCE", default="https://api.publiq.be")
# The house's organizer in UiTdatabank (its id, found or created there once).
UITDATABANK_ORGANIZER_ID = env.str("UITDATABANK_ORGANIZER_ID", default="")
UITDATABANK_TIMEOUT = env.float("UITDATABANK_TIMEOUT", default=15.0)
# Seconds before each next try after a 5xx or a timeout; after the last, staff see it failed.
UITDATABANK_RETRY_DELAYS = env.list(
    "UITDATABANK_RETRY_DELAYS", cast=int, default=[30, 2 * 60, 10 * 60, 60 * 60, 6 * 60 * 60]
)
