"""Partners learn together: intervision and working groups, their sessions, agendas and minutes.

A group and its sessions are fetched through selectors narrowed to the user: anyone who is not a
member, the group's coordinator or a coordinator of the house gets 404 (they must not learn the
group exists); a member who may see but not manage gets 403 on the managing pages."""

from django.contrib import messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView, TemplateView

from huis.core.errors import DomainError

from ..forms_learning import CancelForm, GroupForm, NotesForm, SessionForm, SessionPlanForm
from ..selectors import learning as reads
from ..services import learning as services
from .base import ObjectAccessMixin, PermissionRequiredMixin, ServicePostView, apply_service_error


class GroupListView(PermissionRequiredMixin, TemplateView):
    template_name = "netwerk/group_list.html"
    permission_required = "netwerk.view_groups"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            groups=list(reads.groups_for(user=self.request.user)), **kwargs
        )


class GroupCreateView(PermissionRequiredMixin, FormView):
    template_name = "netwerk/group_form.html"
    permission_required = "netwerk.create_group"
    form_class = GroupForm

    def form_valid(self, form):
        try:
            group = services.group_create(actor=self.request.user, **form.cleaned_data)
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The group is made. Plan its first session."))
        return redirect(group.get_absolute_url())


class _GroupMixin(ObjectAccessMixin):
    view_perm = "netwerk.view_group"

    def get_object_queryset(self):
        return reads.group_for(user=self.request.user)


class GroupDetailView(_GroupMixin, TemplateView):
    template_name = "netwerk/group_detail.html"

    def get_context_data(self, **kwargs):
        group = self.object
        return super().get_context_data(
            group=group,
            members=list(group.members.all()),
            sessions=list(reads.sessions_of(group=group)),
            may_manage=self.request.user.has_perm("netwerk.manage_group", group),
            **kwargs,
        )


class GroupUpdateView(_GroupMixin, FormView):
    template_name = "netwerk/group_form.html"
    change_perm = "netwerk.manage_group"
    form_class = GroupForm

    def _may_choose_coordinator(self) -> bool:
        return self.request.user.has_perm("netwerk.create_group")

    def get_form_kwargs(self):
        return {
            **super().get_form_kwargs(),
            "may_choose_coordinator": self._may_choose_coordinator(),
        }

    def get_initial(self):
        group = self.object
        return {
            "name": group.name,
            "kind": group.kind,
            "description": group.description,
            "coordinator": group.coordinator_id,
            "members": [m.pk for m in group.members.all()],
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.object, **kwargs)

    def form_valid(self, form):
        data = dict(form.cleaned_data)
        if not self._may_choose_coordinator():
            data["coordinator"] = False
        try:
            services.group_update(group=self.object, actor=self.request.user, **data)
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Saved."))
        return redirect(self.object.get_absolute_url())


class SessionPlanView(_GroupMixin, FormView):
    template_name = "netwerk/session_form.html"
    change_perm = "netwerk.manage_group"
    form_class = SessionPlanForm
    initial = {"capacity": 12}

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.object, **kwargs)

    def form_valid(self, form):
        starts_at, ends_at = form.moments()
        data = form.cleaned_data
        try:
            session = services.session_plan(
                group=self.object,
                actor=self.request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                capacity=data["capacity"],
                room=data["room"],
                place=data["place"],
                agenda=data["agenda"],
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The session is planned. The members can sign up."))
        return redirect(session.get_absolute_url())


class _SessionMixin(ObjectAccessMixin):
    view_perm = "netwerk.view_group"

    def get_object_queryset(self):
        return reads.session_for(user=self.request.user)

    def get_success_url(self) -> str:
        return self.object.get_absolute_url()


class SessionDetailView(_SessionMixin, TemplateView):
    template_name = "netwerk/session_detail.html"

    def get_context_data(self, **kwargs):
        session, user = self.object, self.request.user
        may_manage = user.has_perm("netwerk.manage_group", session)
        return super().get_context_data(
            session=session,
            group=session.group,
            own_claim=reads.own_claim(session=session, user=user),
            may_join=user.has_perm("netwerk.join_session", session),
            may_manage=may_manage,
            claims=reads.session_claims(session=session) if may_manage else [],
            **kwargs,
        )


class SessionSignUpView(_SessionMixin, ServicePostView):
    change_perm = "netwerk.join_session"
    success_message = _("You are signed up.")

    def perform(self, data):
        claim = services.session_sign_up(session=self.object, user=self.request.user)
        if claim.status == "waiting":
            self.success_message = _("The session is full. You are on the waiting list.")


class SessionLeaveView(_SessionMixin, ServicePostView):
    change_perm = "netwerk.join_session"
    success_message = _("Your sign-up is cancelled.")

    def perform(self, data):
        services.session_cancel_sign_up(session=self.object, user=self.request.user)


class SessionNotesView(_SessionMixin, FormView):
    template_name = "netwerk/session_notes.html"
    change_perm = "netwerk.manage_group"
    form_class = NotesForm

    def get_initial(self):
        return {"agenda": self.object.agenda, "minutes": self.object.minutes}

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.object, **kwargs)

    def form_valid(self, form):
        services.session_write_notes(
            session=self.object, actor=self.request.user, **form.cleaned_data
        )
        messages.success(self.request, _("Saved."))
        return redirect(self.get_success_url())


class SessionMoveView(_SessionMixin, FormView):
    template_name = "netwerk/session_move.html"
    change_perm = "netwerk.manage_group"
    form_class = SessionForm

    def get_initial(self):
        session = self.object
        start = timezone.localtime(session.starts_at)
        return {
            "date": start.date(),
            "start": start.time(),
            "end": timezone.localtime(session.ends_at).time(),
            "room": session.room_id,
            "place": session.place,
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.object, **kwargs)

    def form_valid(self, form):
        starts_at, ends_at = form.moments()
        try:
            told = services.session_move(
                session=self.object,
                actor=self.request.user,
                starts_at=starts_at,
                ends_at=ends_at,
                room=form.cleaned_data["room"],
                place=form.cleaned_data["place"],
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The session is moved. %(told)s member(s) are told.") % {"told": told}
        )
        return redirect(self.get_success_url())


class SessionCancelView(_SessionMixin, FormView):
    template_name = "netwerk/session_cancel.html"
    change_perm = "netwerk.manage_group"
    form_class = CancelForm

    def get_context_data(self, **kwargs):
        return super().get_context_data(session=self.object, **kwargs)

    def form_valid(self, form):
        try:
            told = services.session_cancel(
                session=self.object, actor=self.request.user, reason=form.cleaned_data["reason"]
            )
        except DomainError as error:
            apply_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("The session is cancelled. %(told)s member(s) are told.") % {"told": told},
        )
        return redirect(self.object.group.get_absolute_url())
