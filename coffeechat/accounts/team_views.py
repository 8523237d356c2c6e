"""Pages of team mode (SPEC M2). In personal mode none of them exists (404)."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.errors import Invalid

from . import team
from .team_forms import GrantForm, InvitationForm, InviteForm, LoginForm


def team_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if settings.MODE != "team":
            raise Http404("Personal mode has no accounts.")
        return view(request, *args, **kwargs)

    return wrapper


class LoginView(auth_views.LoginView):
    """Django's login (a new session id, `next` checked), throttled by LoginForm."""

    form_class = LoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 429 if form.throttled else 400
        return response


# Outside a request transaction: each attempt's place in the throttle's counts must be
# committed before its password is checked, for other processes to see (throttle.py).
login_page = transaction.non_atomic_requests(team_only(LoginView.as_view()))
# POST only; the session is deleted on the server, not just forgotten by the browser.
logout_page = team_only(auth_views.LogoutView.as_view())
password_change = team_only(
    auth_views.PasswordChangeView.as_view(
        template_name="accounts/password_change.html", success_url=reverse_lazy("accounts:coaches")
    )
)


@team_only
@require_http_methods(["GET", "POST"])
def invitation(request, secret):
    """Accept an invitation: choose a username and a password, and you are in."""
    invitation = team.open_invitation(secret)
    form = InvitationForm(request.POST or None)
    if form.is_valid():
        try:
            user = team.accept_invitation(
                secret,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
            )
        except Invalid as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            return redirect("today:home")
    return TemplateResponse(
        request,
        "accounts/invitation.html",
        {"form": form, "invitation": invitation},
        status=400 if form.errors else 200,
    )


@team_only
@require_http_methods(["GET", "POST"])
def coaches(request):
    """Both sides of coaching: whom I let read my records, and whose records I read."""
    form = GrantForm(request.POST or None)
    if form.is_valid():
        username = form.cleaned_data["username"].strip()
        try:
            team.grant_coach(request.user, username)
        except Invalid as error:
            form.add_error("username", error.message)
        else:
            # The same words whether or not the account exists: no username enumeration.
            messages.success(
                request,
                f"If an active account named “{username}” exists, it can now read your records.",
            )
            return redirect("accounts:coaches")
    return TemplateResponse(
        request,
        "accounts/coaches.html",
        {
            "form": form,
            "my_coaches": team.coaches_of(request.user),
            "my_explorers": team.explorers_coached_by(request.user),
        },
        status=400 if form.errors else 200,
    )


@team_only
@require_POST
def coach_revoke(request, pk):
    team.revoke_grant(request.user, pk)
    return redirect("accounts:coaches")


@team_only
@require_POST
def coach_leave(request, pk):
    team.leave_explorer(request.user, pk)
    return redirect("accounts:coaches")


@team_only
@require_http_methods(["GET", "POST"])
def invitations(request):
    """Admins invite people; the link is shown once, then only its digest is kept."""
    if not request.user.is_staff:
        raise Http404("Only admins invite.")
    form = InviteForm(request.POST or None)
    link = ""
    if form.is_valid():
        _, secret = team.invite(
            form.cleaned_data["email"],
            invited_by=request.user,
            make_admin=form.cleaned_data["make_admin"],
        )
        link = request.build_absolute_uri(reverse("accounts:invitation", args=[secret]))
        form = InviteForm()
    return TemplateResponse(
        request,
        "accounts/invitations.html",
        {
            "form": form,
            "link": link,
            "invitations": team.invitations_by(request.user)[:100],
        },
        status=400 if form.errors else 200,
    )


@team_only
@require_POST
def invitation_withdraw(request, pk):
    team.withdraw_invitation(request.user, pk)
    return redirect("accounts:invitations")
