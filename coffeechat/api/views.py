from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_http_methods, require_POST

from . import services
from .forms import TokenForm


@require_http_methods(["GET", "POST"])
def token_list(request):
    """Make, list and revoke personal access tokens for the API (SPEC I3)."""
    form = TokenForm(request.POST or None)
    secret = ""
    if form.is_valid():
        _, secret = services.create_token(request.user, form.cleaned_data["name"])
        form = TokenForm()
    return TemplateResponse(
        request,
        "api/tokens.html",
        {
            "form": form,
            "secret": secret,
            "tokens": services.tokens_for(request.user),
        },
        status=400 if form.errors else 200,
    )


@require_POST
def token_revoke(request, pk):
    services.revoke_token(request.user, pk)
    return redirect("api_tokens:list")
