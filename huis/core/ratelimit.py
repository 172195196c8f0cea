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


class RateLimitMiddleware:
    """Rate limits by URL name, for forms whose views are not ours (allauth's sign-up and
    login-code pages): `HUIS_RATE_LIMITS = {"account_signup": "20/m", ...}`, POST only, per
    address. allauth's own limits stay on; this one also stops sending login codes to many
    different addresses from one address."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs):
        from django.conf import settings

        if request.method != "POST" or request.resolver_match is None:
            return None
        rate = getattr(settings, "HUIS_RATE_LIMITS", {}).get(request.resolver_match.view_name)
        if rate and is_ratelimited(
            request,
            group=f"url:{request.resolver_match.view_name}",
            key="ip",
            rate=rate,
            method=["POST"],
            increment=True,
        ):
            return too_many_requests(request)
        return None
