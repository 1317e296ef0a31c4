"""Download task: conditional GETs into the content-addressed store, one task run per batch.

A dead link (404/410) and a permanent refusal (too large, off-site) come back as outcomes; so
does a transient failure that outlived the client's own retries: nothing is retried by Prefect
(retries live in one layer, the client; see ``tasks/policy.py``), the document counts as failed
and the run's circuit breaker counts it.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from prefect import get_run_logger, task

from odihr.errors import FetchError, Gone, TransientFetchError
from odihr.outcomes import LOADED_STATUSES, DocumentRef, DownloadOutcome
from odihr.parse.report import PARSER_VERSION
from odihr.site.client import SiteClient
from odihr.site.store import RawStore
from odihr.site.urls import pdf_id
from tasks.naming import _parameters
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


def download_or_failure(
    client: SiteClient, store: RawStore, ref: DocumentRef, force: bool
) -> DownloadOutcome:
    """One document's download; a failure that outlived the client's retries is an outcome."""
    try:
        return download(client, store, ref, force=force)
    except Exception as error:  # noqa: BLE001 - recorded as this document's outcome
        return DownloadOutcome(
            ref,
            "failed",
            error_code=getattr(error, "code", "fetch_error"),
            reason=str(error),
        )


def _batch_name() -> str:
    params = _parameters()
    number, paths = params.get("number"), params.get("url_paths") or ()
    return f"download batch {number} ({len(paths)} report{'' if len(paths) == 1 else 's'})"


def batch_line(number: int, url_paths: Sequence[str], outcomes: Sequence[DownloadOutcome]) -> str:
    """One line for a download batch: its reports and how their downloads ended."""
    ends = [url_paths[0], url_paths[-1]] if url_paths else []
    ids = " … ".join(dict.fromkeys(pdf_id(path) for path in ends))
    tally = Counter(o.state for o in outcomes)
    states = ", ".join(f"{n} {state}" for state, n in sorted(tally.items())) or "none"
    return (
        f"download batch {number}: {len(outcomes)} of {len(url_paths)} report(s) ({ids}): "
        f"{states}"
    )


@task(name="download-batch", task_run_name=_batch_name, **NETWORK_TASK_OPTIONS)
def download_batch(
    number: int, url_paths: Sequence[str], fetch: Callable[[], list[DownloadOutcome]]
) -> list[DownloadOutcome]:
    """One task run for a batch of downloads: ``fetch`` downloads the documents of
    ``url_paths`` in order (it may stop early: the run's circuit breaker, Ctrl-C).

    A task run per document cost more Prefect server CPU than parsing the document; a document
    that could not be downloaded is its own outcome (logged here, one line each, recorded and
    quarantined by the flow), so the batch never fails for it. Rerunning the backfill retries
    exactly the documents that are not settled (conditional GETs for the rest).
    """
    outcomes = fetch()
    logger = get_run_logger()
    for outcome in outcomes:
        if outcome.state in ("failed", "gone"):
            logger.info(
                "download %s: %s (%s)",
                pdf_id(outcome.ref.url_path),
                outcome.state,
                outcome.reason or outcome.error_code,
            )
    logger.info(batch_line(number, url_paths, outcomes))
    return outcomes


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
