"""The benchmark's floor: a view that does nothing, served through the whole middleware stack.

Routed only when the BENCHMARK_ENDPOINT setting is on (bench/run turns it on); every page's
throughput is measured as a ratio to this one, in the same run.
"""

from django.http import HttpRequest, HttpResponse


def bare(request: HttpRequest) -> HttpResponse:
    return HttpResponse(b"ok", content_type="text/plain")
