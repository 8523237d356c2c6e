from django.db import transaction
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from coffeechat.errors import Invalid
from coffeechat.people.services import deletion_summary

from . import archive, backup, exports, restoring, services, streaming
from .forms import ForNewPeopleForm, ImportForm, RestoreForm, choices_from
from .importers import MAPPABLE

EXPORTS = {  # kind -> (file name, content type, maker)
    "json": (
        "coffeechat-export.json",
        "application/json",
        lambda user: archive.dumps(archive.export_workspace(user)),
    ),
    "people-csv": ("people.csv", "text/csv", exports.people_csv),
    "conversations-csv": ("conversations.csv", "text/csv", exports.conversations_csv),
    "vcard": ("people.vcf", "text/vcard", exports.people_vcf),
}


def data_home(request, import_form=None, restore_form=None, status=200):
    return TemplateResponse(
        request,
        "transfer/home.html",
        {
            "import_form": import_form or ImportForm(),
            "restore_form": restore_form or RestoreForm(),
            "jobs": services.jobs_for(request.user)[:5],
        },
        status=status,
    )


@require_POST
def import_upload(request):
    form = ImportForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            job = services.start_job(
                request.user, upload.name, upload.read(), form.cleaned_data["format"]
            )
        except Invalid as error:
            form.add_error("format" if error.field == "format" else "file", error.message)
        else:
            return redirect("transfer:job", pk=job.pk)
    return data_home(request, import_form=form, status=400)


@transaction.non_atomic_requests  # polled while an import holds the write lock
def import_job(request, pk, columns_error=""):
    job = services.get_job_for(request.user, pk)
    rows = job.report.get("rows", [])
    chosen = job.report.get("choices", {})
    for row in rows:
        row["choice"] = chosen.get(str(row["line"]), "merge")
    template = (
        "transfer/job.html#status" if request.headers.get("HX-Request") else "transfer/job.html"
    )
    return TemplateResponse(
        request,
        template,
        {
            "job": job,
            "counts": job.report.get("counts", {}),
            "summary": job.report.get("summary"),
            **{
                status: [row for row in rows if row["status"] == status]
                for status in ("new", "same", "possible", "repeat", "rejected")
            },
            "warned": [row for row in rows if row["warnings"] and row["status"] != "rejected"],
            "conflicting": [row for row in rows if row.get("conflicts")],
            "columns_error": columns_error,
            "mappable": [
                (
                    field,
                    field.replace(" ", "-"),
                    request.POST.get("column-" + field.replace(" ", "-"), ""),
                )
                for field in MAPPABLE
            ],
            "moved": job.report.get("moved", {}),
            "for_new": ForNewPeopleForm(user=request.user),
        },
    )


@require_POST
def import_columns(request, pk):
    """The columns of a CSV whose header was not recognised, chosen by hand."""
    mapping = {
        field: request.POST.get("column-" + field.replace(" ", "-"), "") for field in MAPPABLE
    }
    try:
        services.map_columns(request.user, pk, mapping)
    except Invalid as error:
        response = import_job(request, pk, columns_error=error.message)
        response.status_code = 400
        return response
    return redirect("transfer:job", pk=pk)


@require_POST
def import_commit(request, pk):
    job = services.get_job_for(request.user, pk)
    lines = [row["line"] for row in job.report.get("rows", []) if row["status"] == "possible"]
    for_new = ForNewPeopleForm(request.POST, user=request.user).settings()
    services.commit_job(request.user, pk, choices_from(request.POST, lines), for_new)
    return redirect("transfer:job", pk=pk)


@require_POST
def import_discard(request, pk):
    services.discard_job(request.user, pk)
    return redirect("transfer:home")


def export(request, kind):
    if kind not in EXPORTS:
        raise Invalid(f"No export called “{kind}”.")
    name, content_type, make = EXPORTS[kind]
    stamp = timezone.localdate().isoformat()
    if kind == "json":  # 100,000 people: written as it is read, in constant memory
        response = StreamingHttpResponse(
            streaming.stream_workspace(request.user), content_type=f"{content_type}; charset=utf-8"
        )
    else:
        response = HttpResponse(make(request.user), content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{stamp}-{name}"'
    return response


@require_POST
@transaction.non_atomic_requests  # restore_file's own transaction: files follow it
def restore(request):
    form = RestoreForm(request.POST, request.FILES)
    if form.is_valid():
        try:  # a large upload is read from Django's temporary file, in pieces
            restored = restoring.restore_file(request.user, form.cleaned_data["file"])
        except Invalid as error:
            form.add_error("file", error.message)
        else:
            return TemplateResponse(
                request,
                "transfer/restored.html",
                {
                    "restored": {k: v for k, v in restored.items() if v},
                    "total": sum(
                        count for label, count in restored.items() if label != "recordings"
                    ),
                },
            )
    return data_home(request, restore_form=form, status=400)


@require_http_methods(["GET", "POST"])
def erase(request, pk):
    if request.method == "POST":
        erased = backup.erase_person(request.user, pk)
        return TemplateResponse(request, "transfer/erased.html", {"erased": erased})
    return TemplateResponse(request, "transfer/erase.html", deletion_summary(request.user, pk))
