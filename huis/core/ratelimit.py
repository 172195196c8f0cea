"""One way to rate-limit a form, for every app: `@rate_limited("group", rate="10/m")`.

Counts per address (or per person, `key="user_or_ip"`) in the Redis cache through
django-ratelimit. Only the methods that change something are counted (POST by default), so
reading the page stays possible. Over the limit the person gets a calm 429 page in their
language, never a 500, and nothing already saved is lost. No captcha, nothing from another host.

    from huis.core.ratelimit import rate_limited

    @method_decorator(rate_limited("ontmoeting.sign_up", rate="10/m"), name="dispatch")
    class SignUpView(View): ...
"""

from collections.abc import Callable
from functools import wraps

from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django_ratelimit.core import is_ratelimited

# Also used by tests and the privacy page to say what the limits are.
DEFAULT_RATE = "10/m"


def too_many_requests(request: HttpRequest) -> HttpResponse:
    response = TemplateResponse(request, "429.html", status=429)
    response["Retry-After"] = "60"
    return response


def rate_limited(
    group: str,
    *,
    rate: str = DEFAULT_RATE,
    key: str = "ip",
    methods: tuple[str, ...] = ("POST",),
) -> Callable:
    """Decorator for a view function (or `dispatch`, through method_decorator)."""

    def decorator(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
        @wraps(view)
        def wrapped(request: HttpRequest, *args, **kwargs) -> HttpResponse:
            if request.method in methods and is_ratelimited(
                request, group=group, key=key, rate=rate, method=list(methods), increment=True
            ):
                return too_many_requests(request)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
