from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET, require_POST

from coffeechat.web.feedback import back, changed

from . import services


@require_GET
def trash_page(request):
    services.purge_old(request.user)
    return TemplateResponse(
        request,
        "trash/trash.html",
        {"items": services.deleted_for(request.user), "keep_days": services.KEEP_DAYS},
    )


@require_POST
def restore(request, pk):
    item = services.restore(request.user, pk)
    changed(
        request,
        f"Undid the change to {item.label}."
        if item.kind == services.CHANGES
        else f"Restored {item.label}.",
    )
    return back(request)


@require_POST
def delete_forever(request, pk):
    item = services.get_trash_item_for(request.user, pk)
    services.delete_forever(request.user, pk)
    changed(request, f"Deleted {item.label} for good.")
    return redirect("trash:home")


@require_POST
def empty(request):
    count = services.empty(request.user)
    changed(request, f"Emptied the Trash ({count} item{'s' if count != 1 else ''}).")
    return redirect("trash:home")
