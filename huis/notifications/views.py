"""Staff pages of the outbox: the messages that could not be sent, and a retry button."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import ListView

from huis.accounts.mixins import PermissionRequiredMixin

from .selectors import failed_notifications
from .services import NotificationError, notification_retry


class FailedListView(PermissionRequiredMixin, ListView):
    template_name = "notifications/failed_list.html"
    permission_required = "notifications.view_failed"
    context_object_name = "notifications"
    paginate_by = 50

    def get_queryset(self):
        return failed_notifications(user=self.request.user)


class RetryView(PermissionRequiredMixin, View):
    permission_required = "notifications.retry"
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        notification = get_object_or_404(failed_notifications(user=request.user), pk=pk)
        try:
            notification_retry(notification=notification, actor=request.user)
        except NotificationError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The message will be sent again."))
        return redirect("notifications:failed")
