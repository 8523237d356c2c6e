"""PDF rendering with WeasyPrint, which reads nothing but the app's static files."""

from django.contrib.staticfiles import finders

from coffeechat.errors import Invalid


def pdf_of(html: str) -> bytes:
    """Render with WeasyPrint; it needs Pango from the system (see docs/DATA.md).

    Notes are Markdown, so a note can hold an image with any address; WeasyPrint would
    fetch it on the server's behalf (SSRF: issue 18 found a loopback listener called 13
    times by one report). Its every fetch goes through `static_only_fetcher`.
    """
    try:
        from weasyprint import CSS, HTML
    except OSError as error:  # the system libraries are missing
        raise Invalid(
            f"PDF needs the Pango library on this machine ({error}). The Markdown "
            "and HTML reports work without it.",
            field="kind",
        ) from None
    fetcher = static_only_fetcher()
    stylesheet = CSS(filename=finders.find("coffeechat/report.css"), url_fetcher=fetcher)
    return HTML(string=html, url_fetcher=fetcher).write_pdf(stylesheets=[stylesheet])


def static_only_fetcher():
    """A WeasyPrint fetcher that reads the app's own static folder and nothing else:
    no network, no file outside that folder (a `..` or a link is resolved first).
    Anything else is refused, WeasyPrint logs it, and the PDF is made without it.
    `data:` URIs are decoded in memory, so they are let through."""
    import mimetypes
    from pathlib import Path
    from urllib.parse import unquote, urlsplit
    from urllib.request import url2pathname

    from django.conf import settings
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    folder = (Path(settings.BASE_DIR) / "static").resolve()

    class StaticOnlyFetcher(URLFetcher):
        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            scheme = parts.scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file" and parts.netloc in ("", "localhost"):
                path = Path(url2pathname(unquote(parts.path))).resolve()
                if path.is_relative_to(folder) and path.is_file():
                    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": kind})
            raise ValueError(f"a PDF reads only the app's static files, not {url[:200]}")

    return StaticOnlyFetcher(fail_on_errors=False)
