"""Signals: thresholds and gaps, reported from an outreach entry or on their own."""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.accounts.access import fetch_for, organisations_of
from huis.core.errors import DomainError

from .. import selectors, services
from ..filters import SignalFilterSet
from ..forms import SignalForm
from ..models import SignalCategory
from .base import ObjectAccessMixin, PermissionRequiredMixin, apply_service_error, int_or_none


class SignalListView(PermissionRequiredMixin, TemplateView):
    permission_required = "kwartiermaken.log_work"
    template_name = "kwartiermaken/signal_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = SignalFilterSet(self.request.GET, user=self.request.user)
        signals, next_cursor = selectors.signal_page(
            signals=filterset.qs, cursor=self.request.GET.get("na", "")
        )
        query = self.request.GET.copy()
        query.pop("na", None)
        context.update(
            filters=filterset.values,
            signals=signals,
            next_cursor=next_cursor,
            neighbourhoods=list(selectors.active_neighbourhoods()),
            categories=SignalCategory.choices,
            filter_query=query.urlencode(),
        )
        return context


class SignalFormMixin(PermissionRequiredMixin):
    permission_required = "kwartiermaken.log_work"
    template_name = "kwartiermaken/signal_form.html"
    form_class = SignalForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": organisations_of(self.request.user),
        }


class SignalCreateView(SignalFormMixin, FormView):
    """`?werk=<entry>` starts from an outreach entry: same neighbourhood, date and organisation."""

    entry = None

    def dispatch(self, request, *args, **kwargs):
        raw = request.GET.get("werk") or request.POST.get("werk")
        if raw:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            entry_id = int_or_none(raw)
            self.entry = fetch_for(
                request.user,
                selectors.entries_for(user=request.user),
                view_perm="kwartiermaken.view_entry",
                change_perm="kwartiermaken.change_entry",
                pk=entry_id if entry_id is not None else 0,
            )
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        initial = super().get_initial()
        if self.entry is not None:
            initial.update(
                observed_on=self.entry.date,
                neighbourhood=self.entry.neighbourhood_id,
                organisation=self.entry.organisation_id,
            )
        return initial

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.entry, **kwargs)

    def form_valid(self, form):
        organisation = form.cleaned_data["organisation"]
        try:
            signal = services.signal_create(
                actor=self.request.user,
                organisation=organisation,
                entry=self.entry,
                request=self.request,
                details=form.details(),
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The signal is saved. Thank you."))
        return redirect(signal)


class SignalDetailView(ObjectAccessMixin, TemplateView):
    view_perm = "kwartiermaken.view_signal"
    template_name = "kwartiermaken/signal_detail.html"

    def get_object_queryset(self):
        return selectors.signals_for(user=self.request.user).select_related("entry")

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            signal=self.object,
            can_change=user.has_perm("kwartiermaken.change_signal", self.object),
            can_see_entry=self.object.entry is not None
            and user.has_perm("kwartiermaken.view_entry", self.object.entry),
            **kwargs,
        )


class SignalUpdateView(ObjectAccessMixin, SignalFormMixin, FormView):
    view_perm = "kwartiermaken.view_signal"
    change_perm = "kwartiermaken.change_signal"

    def get_object_queryset(self):
        return selectors.signals_for(user=self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get_context_data(self, **kwargs):
        return super().get_context_data(signal=self.object, **kwargs)

    def form_valid(self, form):
        try:
            signal = services.signal_update(
                signal=self.object,
                actor=self.request.user,
                request=self.request,
                details=form.details(),
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(signal)
