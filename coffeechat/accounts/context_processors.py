from django.conf import settings
from django.urls import get_script_prefix


def team(request):
    """What the user menu and the coach banner of base.html need (empty in personal mode)."""
    if settings.MODE != "team":
        return {"team_mode": False}
    own = getattr(request, "own_script_prefix", None)
    here = get_script_prefix()
    return {
        "team_mode": True,
        # In the coach view, links of the coach's own (logout, home) skip the prefix.
        "own_home": (own or here),
        "coach": getattr(request, "coach", None),
    }
