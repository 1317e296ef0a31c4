"""Download task: a conditional GET into the content-addressed store.

A dead link (404/410) and a permanent refusal (too large, off-site) come back as outcomes; a
transient failure that outlived the client's own retries raises: the task is not retried (retries
live in one layer, the client; see ``tasks/policy.py``), the document counts as failed and the
run's circuit breaker counts it.
"""

from __future__ import annotations

from prefect import task

from odihr.errors import FetchError, Gone, TransientFetchError
from odihr.outcomes import LOADED_STATUSES, DocumentRef, DownloadOutcome
from odihr.parse.report import PARSER_VERSION
from odihr.site.client import SiteClient
from odihr.site.store import RawStore
from tasks.naming import by_document
from tasks.policy import NETWORK_TASK_OPTIONS


def download(
    client: SiteClient, store: RawStore, ref: DocumentRef, *, force: bool
) -> DownloadOutcome:
    """Fetch one document; 304 or known bytes are ``unchanged``, new bytes are stored first.

    The GET is unconditional for a version that was quarantined (cut short, damaged, not a PDF…):
    a 304 would only say the server's validators did not change, not that its bytes are whole.
    """
    conditional = not force and ref.known.status != "quarantined"
    etag = ref.known.etag if conditional else None
    last_modified = ref.known.last_modified if conditional else None
    try:
        result = client.fetch_pdf(ref.url, etag=etag, last_modified=last_modified)
    except Gone as error:
        return DownloadOutcome(
            ref, "gone", http_status=error.status, error_code=error.code, reason=str(error)
        )
    except TransientFetchError:
        raise
    except FetchError as error:
        return DownloadOutcome(ref, "failed", error_code=error.code, reason=str(error))
    if result.status == "not_modified" or result.data is None:
        return DownloadOutcome(
            ref,
            "unchanged",
            sha256=ref.known.sha256,
            path=str(store.path_for(ref.known.sha256)) if ref.known.sha256 else None,
            etag=result.etag or ref.known.etag,
            last_modified=result.last_modified or ref.known.last_modified,
            http_status=304,
        )
    sha256, path = store.store(result.data)
    state = "unchanged" if sha256 == ref.known.sha256 else "new"
    return DownloadOutcome(
        ref,
        state,
        sha256=sha256,
        path=str(path),
        size=result.size,
        etag=result.etag,
        last_modified=result.last_modified,
        bytes_transferred=result.size,
        http_status=200,
    )


@task(name="download-report", task_run_name=by_document("download"), **NETWORK_TASK_OPTIONS)
def download_document(
    client: SiteClient, store: RawStore, ref: DocumentRef, force: bool = False
) -> DownloadOutcome:
    """Prefect shell around :func:`download`."""
    return download(client, store, ref, force=force)


def download_or_failure(
    client: SiteClient, store: RawStore, ref: DocumentRef, force: bool
) -> DownloadOutcome:
    """One download task run; a failure that outlived the client's retries is an outcome."""
    state = download_document(client, store, ref, force, return_state=True)
    if state.is_completed():
        outcome: DownloadOutcome = state.result()
        return outcome
    try:
        state.result()
    except Exception as error:  # noqa: BLE001 - recorded as this document's outcome
        return DownloadOutcome(
            ref,
            "failed",
            error_code=getattr(error, "code", "fetch_error"),
            reason=str(error),
        )
    raise AssertionError("a failed task run without an error")  # pragma: no cover


def settled(ref: DocumentRef) -> bool:
    """Loaded (or skipped) by this parser: a nightly run does not ask for it again.

    A nightly looks for new documents; a backfill re-checks every known PDF with a conditional
    GET (a re-issued PDF under the same address), a reparse re-reads the stored bytes.
    """
    known = ref.known
    return (
        known.version_id is not None
        and known.status in (*LOADED_STATUSES, "skipped")
        and known.parser_version == PARSER_VERSION
    )
