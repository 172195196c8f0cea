"""Outreach entries: log, list and search, read, change, follow up, export."""

import csv

from django.contrib import messages
from django.http import StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView, View

from huis.accounts.access import organisations_of
from huis.core.csv import csv_safe
from huis.core.errors import DomainError

from .. import selectors, services
from ..filters import EntryFilterSet
from ..forms import EntryForm
from ..models import OutreachKind
from .base import (
    ObjectAccessMixin,
    PermissionRequiredMixin,
    ServicePostView,
    apply_service_error,
)


class EntryListView(PermissionRequiredMixin, TemplateView):
    permission_required = "kwartiermaken.log_work"
    template_name = "kwartiermaken/entry_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = EntryFilterSet(self.request.GET, user=self.request.user)
        page = selectors.entry_page(entries=filterset.qs, cursor=self.request.GET.get("na", ""))
        query = self.request.GET.copy()
        query.pop("na", None)
        context.update(
            filters=filterset.values,
            page=page,
            neighbourhoods=list(selectors.active_neighbourhoods()),
            kinds=OutreachKind.choices,
            organisations=selectors.organisations_for_filter(user=self.request.user),
            filter_query=query.urlencode(),
            is_first_page=not self.request.GET.get("na"),
        )
        return context


class EntryFormMixin(PermissionRequiredMixin):
    permission_required = "kwartiermaken.log_work"
    template_name = "kwartiermaken/entry_form.html"
    form_class = EntryForm

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "organisations": organisations_of(self.request.user),
        }


class EntryCreateView(EntryFormMixin, FormView):
    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "last_neighbourhood": selectors.last_neighbourhood_id(user=self.request.user),
        }

    def form_valid(self, form):
        try:
            entry = services.entry_create(
                actor=self.request.user,
                organisation=form.cleaned_data["organisation"],
                needs=form.cleaned_data["needs"],
                request=self.request,
                details=form.details(),
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved. Thank you."))
        if "signal" in self.request.POST:
            return redirect(f"{_url('kwartiermaken:signal_create')}?werk={entry.pk}")
        return redirect(entry)


def _url(name: str, **kwargs) -> str:
    from django.urls import reverse

    return reverse(name, kwargs=kwargs or None)


class EntryDetailView(ObjectAccessMixin, TemplateView):
    view_perm = "kwartiermaken.view_entry"
    template_name = "kwartiermaken/entry_detail.html"

    def get_object_queryset(self):
        return selectors.entry_with_details(user=self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        return super().get_context_data(
            entry=self.object,
            can_change=user.has_perm("kwartiermaken.change_entry", self.object),
            network_referrals=selectors.entry_referrals(entry=self.object, user=user),
            **kwargs,
        )


class EntryNotesView(ObjectAccessMixin, TemplateView):
    """The notes, on their own page: every read is recorded; coordinators see who read them."""

    view_perm = "kwartiermaken.view_entry"
    template_name = "kwartiermaken/entry_notes.html"

    def get_object_queryset(self):
        return selectors.entries_for(user=self.request.user)

    def get_context_data(self, **kwargs):
        user = self.request.user
        services.entry_notes_read(entry=self.object, actor=user, request=self.request)
        readers = None
        if user.has_perm("kwartiermaken.see_notes_readers"):
            readers = selectors.notes_readers(entry=self.object)
        return super().get_context_data(entry=self.object, readers=readers, **kwargs)


class EntryUpdateView(ObjectAccessMixin, EntryFormMixin, FormView):
    view_perm = "kwartiermaken.view_entry"
    change_perm = "kwartiermaken.change_entry"

    def get_object_queryset(self):
        return selectors.entries_for(user=self.request.user)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "instance": self.object}

    def get(self, request, *args, **kwargs):
        # The form shows the notes: opening it is reading them.
        if self.object.notes:
            services.entry_notes_read(entry=self.object, actor=request.user, request=request)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(entry=self.object, **kwargs)

    def form_valid(self, form):
        try:
            entry = services.entry_update(
                entry=self.object,
                actor=self.request.user,
                needs=form.cleaned_data["needs"],
                request=self.request,
                details=form.details(),
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(entry)


class EntryFollowUpDoneView(ObjectAccessMixin, ServicePostView):
    view_perm = "kwartiermaken.view_entry"
    change_perm = "kwartiermaken.change_entry"
    success_message = _("The follow-up is done.")

    def get_object_queryset(self):
        return selectors.entries_for(user=self.request.user)

    def perform(self, data: dict) -> None:
        services.entry_follow_up_done(
            entry=self.object, actor=self.request.user, request=self.request
        )

    def get_success_url(self) -> str:
        target = self.request.POST.get("next", "")
        if target == "home":
            return _url("kwartiermaken:home")
        return self.object.get_absolute_url()


class Echo:
    def write(self, value: str) -> str:
        return value


class EntryExportView(PermissionRequiredMixin, View):
    """The entries of the list (same filters) as CSV: no notes and no contact codes."""

    permission_required = "kwartiermaken.log_work"

    def get(self, request, *args, **kwargs):
        filterset = EntryFilterSet(request.GET, user=request.user)
        entries = selectors.entries_for_export(entries=filterset.qs)
        writer = csv.writer(Echo(), delimiter=";")

        def rows():
            # The byte order mark lets spreadsheet programs read accents (é, ë) correctly.
            yield "\ufeff"
            yield writer.writerow(
                [
                    gettext("Date"),
                    gettext("Organisation"),
                    gettext("Neighbourhood"),
                    gettext("Kind of work"),
                    gettext("People reached"),
                    gettext("Needs observed"),
                    gettext("Referrals made"),
                    gettext("Follow up by"),
                    gettext("Followed up"),
                ]
            )
            for entry in entries.iterator(chunk_size=2000):
                yield writer.writerow(
                    [
                        entry.date.isoformat(),
                        csv_safe(entry.organisation.name),
                        csv_safe(entry.neighbourhood.name),
                        csv_safe(str(entry.get_kind_display())),
                        entry.people_reached,
                        csv_safe(", ".join(need.name for need in entry.needs.all())),
                        entry.referrals,
                        entry.follow_up_on.isoformat() if entry.follow_up_on else "",
                        gettext("yes") if entry.follow_up_done_at else "",
                    ]
                )

        response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
        name = f"buurtwerk-{timezone.localdate().isoformat()}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
