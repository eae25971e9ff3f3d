"""Documents as PDFs, from Django templates, through WeasyPrint. The one way the service makes a
PDF, so every document gets the same fonts, the same refusal to fetch anything from the network,
and the same download headers.

Fonts: the templates ask for Liberation Sans (metric-compatible with Arial, the service's font),
installed with the `fonts-liberation` package. Page margin boxes (`@top-right`, `@bottom-center`)
do not inherit the page's font in WeasyPrint, so templates set `font-family` on them too.
"""

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.http import HttpResponse
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class StaticFilesOnly(URLFetcher):
    """Lets a document use the service's own static files (an image, a stylesheet) and nothing
    else: a PDF is made from case records, and must never fetch a URL someone typed into one."""

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        path = posixpath.normpath(unquote(parts.path))
        static_url = urlsplit(settings.STATIC_URL).path
        if parts.scheme not in ("http", "https") or not path.startswith(static_url):
            raise ValueError(f"Documents may only use the service's static files, not {url}")
        found = finders.find(path.removeprefix(static_url))
        if not found:
            raise ValueError(f"No static file at {url}")
        return URLFetcherResponse(url, Path(found).read_bytes())


def render_pdf(template_name: str, context: dict, *, base_url: str) -> bytes:
    """The template rendered as a PDF. `base_url` is the site's address (for example
    `request.build_absolute_uri("/")`), against which relative URLs in the template resolve."""
    html = render_to_string(template_name, context)
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly()).write_pdf()


def pdf_response(pdf: bytes, *, filename: str) -> HttpResponse:
    """A PDF as a download. The filename should not name the young person: downloads end up in
    shared folders and email attachments."""
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response
