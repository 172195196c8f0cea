"""The page where staff write to everyone signed up for something (or its waiting list):
write, see the count and a preview, then send. Each function registers what can be written
about (huis.core.registry.register_message_audience)."""

from typing import Any

from crispy_forms.helper import FormHelper
from django import forms
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from huis.accounts.mixins import PermissionRequiredMixin
from huis.core.errors import DomainError
from huis.core.registry import message_audience
from huis.core.service_views import apply_service_error

from . import staff_messages

TO_SIGNED_UP = "signed_up"
TO_WAITING = "waiting"


class MessageForm(forms.Form):
    to = forms.ChoiceField(
        label=_("To whom"),
        choices=[(TO_SIGNED_UP, _("Everyone with a place")), (TO_WAITING, _("The waiting list"))],
        initial=TO_SIGNED_UP,
        widget=forms.RadioSelect,
    )
    text = forms.CharField(
        label=_("Your message"),
        max_length=staff_messages.MAX_TEXT,
        help_text=_("Short and in easy words. Each person gets it by email or text message."),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False


class MessageWriteView(PermissionRequiredMixin, FormView):
    permission_required = "notifications.write_message"
    template_name = "notifications/message_write.html"
    form_class = MessageForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not self.has_permission():
            return self.handle_no_permission()
        self.audience = message_audience(kwargs["audience"])
        if self.audience is None:
            raise Http404
        self.object = self.audience.objects(request.user).filter(pk=kwargs["pk"]).first()
        if self.object is None:
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict:
        context = super().get_context_data(**kwargs)
        context.update(
            audience=self.audience,
            occasion=self.audience.occasion(self.object),
            back_url=self.audience.back_url(self.object),
            sent=staff_messages.messages_sent(audience=self.audience, obj=self.object),
            counts={
                TO_SIGNED_UP: len(self._recipients(False)),
                TO_WAITING: len(self._recipients(True)),
            },
        )
        return context

    def _recipients(self, to_waiting: bool) -> list:
        return staff_messages.message_recipients(
            audience=self.audience, obj=self.object, to_waiting=to_waiting
        )

    def form_valid(self, form: MessageForm) -> HttpResponse:
        to_waiting = form.cleaned_data["to"] == TO_WAITING
        text = form.cleaned_data["text"]
        try:
            if "send" not in self.request.POST:
                preview = staff_messages.message_preview(
                    audience=self.audience,
                    obj=self.object,
                    to_waiting=to_waiting,
                    text=text,
                    language=get_language(),
                )
                return self.render_to_response(self.get_context_data(form=form, preview=preview))
            message = staff_messages.message_send(
                audience=self.audience,
                obj=self.object,
                to_waiting=to_waiting,
                text=text,
                actor=self.request.user,
                request=self.request,
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            self.request,
            ngettext(
                "Your message goes to %(count)s person.",
                "Your message goes to %(count)s people.",
                message.recipients,
            )
            % {"count": message.recipients},
        )
        return redirect(self.audience.back_url(self.object))

    def form_invalid(self, form: MessageForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)
