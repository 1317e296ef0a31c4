"""A scaled mirror of the ODIHR site, derived from the sample mirror, for the scale benchmarks.

    python bench/scaled_mirror.py build [--elections 500] [--seed 13] [--jobs 2] [--out DIR]
    python bench/scaled_mirror.py serve DIR [--port 8765]

``build`` writes ``--elections`` election pages (newest first in a listing of 10 per page, one
page per country, one per election) whose documents are distinct copies of the sample mirror's
report PDFs (``odihr/sample_site``): each election gets a needs-assessment report, usually an
interim report, a preliminary statement and -- unless it is one of the most recent ("ongoing")
-- a final report, sometimes with a Russian translation; about 4 PDFs per election. Ids,
countries, dates, mission and election types vary; every PDF's bytes differ (see
``_pdf_variant.py``: new Info fields and a visible reference figure). Everything is derived from
``--seed``: the same arguments give byte-identical files. The default output folder,
``bench/_scaled/e<N>-s<seed>``, is ignored by git; a folder whose ``_manifest.json`` matches the
arguments is reused (build on demand). ``_manifest.json`` (never served: the mirror server
answers 404 for ``_`` paths) lists every election with its date and whether it has a final report.

``serve`` serves a built folder with the project's own mirror server (as ``odihr demo`` does).

The PDFs' *text* still names the sample's country and dates, so the warehouse records a
cross-check warning for most reports (``dq_warnings``); the site's values are kept, as on the
real site. Their table figures are those of the samples.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _mirror_html import country_page, election_page, listing_page, page_frame  # noqa: E402
from _pdf_variant import vary_pdf  # noqa: E402

SAMPLE = ROOT / "odihr" / "sample_site"
GENERATOR_VERSION = 1
PER_LISTING_PAGE = 10
FIRST_DAY, LAST_DAY = date(1996, 3, 1), date(2025, 12, 14)
#: Elections after this day have no final report yet ("ongoing"), as on the real site.
ONGOING_AFTER = date(2025, 9, 1)
_COUNTRY_WORDS = (
    "Albania Andorra Armenia Austria Azerbaijan Belarus Belgium Bosnia_and_Herzegovina Bulgaria "
    "Canada Croatia Cyprus Czech_Republic Denmark Estonia Finland France Georgia Germany Greece "
    "Hungary Iceland Ireland Italy Kazakhstan Kyrgyzstan Latvia Liechtenstein Lithuania "
    "Luxembourg Malta Moldova Monaco Mongolia Montenegro Netherlands North_Macedonia Norway "
    "Poland Portugal Romania Russian_Federation San_Marino Serbia Slovakia Slovenia Spain Sweden "
    "Switzerland Tajikistan Türkiye Turkmenistan Ukraine United_Kingdom United_States Uzbekistan"
)
COUNTRIES = tuple(name.replace("_", " ") for name in _COUNTRY_WORDS.split())
KINDS = (
    ("Parliamentary", "Elections"),
    ("Presidential", "Election"),
    ("Local", "Elections"),
    ("Constitutional", "Referendum"),
)
MISSIONS = (
    "Election Observation Mission",
    "Limited Election Observation Mission",
    "Election Assessment Mission",
)
LABELS = {
    "needs_assessment": "Needs Assessment Mission Report",
    "interim": "Interim Report",
    "preliminary_statement": "Statement of Preliminary Findings and Conclusions",
    "final": "Final Report",
}
#: Days from the (first) voting day to each report's publication.
PUBLISHED = {"needs_assessment": -60, "interim": -14, "preliminary_statement": 1, "final": 95}


@dataclass(frozen=True)
class Version:
    """One language version of a document: where it is served and which sample it copies."""

    url_path: str
    language: str
    sample: str  # path under odihr/sample_site
    pages: int


@dataclass(frozen=True)
class Document:
    report_type: str
    label: str
    published: date
    versions: tuple[Version, ...]


@dataclass
class Election:
    site_id: int
    country: str
    slug: str
    kind: str
    noun: str
    early: bool
    dates: tuple[date, ...]
    mission: str
    documents: list[Document] = field(default_factory=list)

    @property
    def path(self) -> str:
        return f"/odihr/elections/{self.slug}/{self.site_id}"

    @property
    def title(self) -> str:
        days = [f"{d.day} {d:%B}" for d in self.dates]
        when = " and ".join(days) + f" {self.dates[-1].year}"
        noun = self.noun if self.kind != "Constitutional" else "Referendum"
        return f"{'Early ' if self.early else ''}{self.kind} {noun}, {when}"

    @property
    def has_final(self) -> bool:
        return any(d.report_type == "final" for d in self.documents)


def sample_pool() -> dict[str, list[tuple[tuple[str, str, int], ...]]]:
    """Report type -> document entries of the sample: ((language, sample path, pages), ...)."""
    import pypdfium2 as pdfium

    from odihr.site.pages import parse_election_page

    pool: dict[str, list[tuple[tuple[str, str, int], ...]]] = {t: [] for t in LABELS}
    for page in sorted(SAMPLE.glob("odihr/elections/*/*/index.html")):
        url = "https://www.osce.org/" + page.parent.relative_to(SAMPLE).as_posix()
        election = parse_election_page(page.read_text(encoding="utf-8"), url)
        if election is None:
            continue
        originals = [d for d in election.documents if d.translation_of is None]
        for original in originals:
            group = [original] + [
                d for d in election.documents if d.translation_of == original.url_path
            ]
            entry = []
            for d in group:
                sample = d.url_path.lstrip("/")
                pages = len(pdfium.PdfDocument(str(SAMPLE / sample)))
                entry.append((d.language or "en", sample, pages))
            if original.report_type in pool:
                pool[original.report_type].append(tuple(entry))
    return pool


def _pdf_path(number: int) -> str:
    digest = hashlib.sha256(str(number).encode()).hexdigest()
    return f"/files/f/documents/{digest[0]}/{digest[1]}/{number}.pdf"


def plan(elections: int, seed: int) -> list[Election]:
    """The generated site, newest election first (pure: same arguments, same plan)."""
    rng = random.Random(seed)
    pool = sample_pool()
    span = (LAST_DAY - FIRST_DAY).days
    days = sorted(
        (FIRST_DAY + timedelta(days=rng.randrange(span)) for _ in range(elections)), reverse=True
    )
    site_id, pdf_number = 700_000, 800_000
    out = []
    for day in days:
        site_id += rng.randint(3, 40)
        country = rng.choice(COUNTRIES)
        kind, noun = rng.choice(KINDS)
        dates = (day,)
        if kind == "Presidential" and rng.random() < 0.3:
            dates = (day, day + timedelta(days=14))
        election = Election(
            site_id,
            country,
            country.lower().replace(" ", "-"),
            kind,
            noun,
            rng.random() < 0.15 and kind != "Constitutional",
            dates,
            rng.choice(MISSIONS),
        )
        wanted = ["needs_assessment", "interim", "preliminary_statement", "final"]
        if rng.random() < 0.25:
            wanted.remove("interim")
        if day > ONGOING_AFTER:
            wanted.remove("final")
        for report_type in wanted:
            entry = rng.choice(pool[report_type])
            if report_type == "final" and len(entry) == 1 and rng.random() < 0.22:
                translated = [e for e in pool["final"] if len(e) > 1]
                entry = rng.choice(translated) if translated else entry
            versions = []
            for language, sample, pages in entry:
                pdf_number += rng.randint(1, 9)
                versions.append(Version(_pdf_path(pdf_number), language, sample, pages))
            published = day + timedelta(days=PUBLISHED[report_type])
            election.documents.append(
                Document(report_type, LABELS[report_type], published, tuple(versions))
            )
        out.append(election)
    return out


def _copy_pdf(job: tuple[str, str, str, str, str]) -> int:
    sample, target, reference, title, keywords = job
    data = vary_pdf(
        (SAMPLE / sample).read_bytes(), reference=reference, title=title, keywords=keywords
    )
    path = Path(target)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return len(data)


def _pdf_jobs(out: Path, elections: list[Election]) -> list[tuple[str, str, str, str, str]]:
    jobs = []
    for e in elections:
        for d in e.documents:
            for v in d.versions:
                number = v.url_path.rsplit("/", 1)[-1].removesuffix(".pdf")
                reference = f"ODIHR.GAL/{int(number) % 997}/{d.published:%y} - bench copy {number}"
                title = f"{e.country}, {e.title}: {d.label}"
                keywords = f"elections, {e.country}, {e.kind.lower()}"
                jobs.append(
                    (v.sample, str(out / v.url_path.lstrip("/")), reference, title, keywords)
                )
    return jobs


def manifest(elections: list[Election], seed: int) -> dict:
    """What the benchmark needs to know of the built mirror."""
    versions = [v for e in elections for d in e.documents for v in d.versions]
    countries = sorted({e.slug for e in elections})
    return {
        "generator_version": GENERATOR_VERSION,
        "seed": seed,
        "elections": len(elections),
        "pdfs": len(versions),
        "pdf_pages": sum(v.pages for v in versions),
        "translations": sum(len(d.versions) - 1 for e in elections for d in e.documents),
        "listing_pages": -(-len(elections) // PER_LISTING_PAGE),
        "countries": len(countries),
        "election_list": [
            {"id": e.site_id, "date": e.dates[0].isoformat(), "has_final": e.has_final}
            for e in elections
        ],
        "documents": [asdict(v) for v in versions],
    }


def _write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def build(out: Path, elections: int, seed: int, jobs: int = 2) -> dict:
    """Build (or reuse) the mirror in ``out``; returns its manifest."""
    stamp = out / "_manifest.json"
    if stamp.exists():
        known = json.loads(stamp.read_text(encoding="utf-8"))
        if (known.get("generator_version"), known.get("seed"), known.get("elections")) == (
            GENERATOR_VERSION,
            seed,
            elections,
        ):
            return known
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    site = plan(elections, seed)
    frame = page_frame(SAMPLE)
    shutil.copy(SAMPLE / "index.html", out / "index.html")
    for handbook in ("files/odihr/elections/handbook", "sites/default/files/publications"):
        shutil.copytree(SAMPLE / handbook, out / handbook)
    listing = out / "odihr" / "elections"
    pages = -(-len(site) // PER_LISTING_PAGE)
    for number in range(pages):
        chunk = site[number * PER_LISTING_PAGE : (number + 1) * PER_LISTING_PAGE]
        name = "index.html" if number == 0 else f"index.page-{number}.html"
        _write(listing / name, listing_page(frame, chunk, number, pages))
    by_country: dict[str, list[Election]] = {}
    for e in site:
        by_country.setdefault(e.slug, []).append(e)
        _write(out / e.path.lstrip("/") / "index.html", election_page(frame, e))
    for slug, items in by_country.items():
        _write(listing / slug / "index.html", country_page(frame, items))
    work = _pdf_jobs(out, site)
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            list(pool.map(_copy_pdf, work, chunksize=16))
    else:
        for job in work:
            _copy_pdf(job)
    data = manifest(site, seed)
    stamp.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return data


def default_out(elections: int, seed: int, base: Path | None = None) -> Path:
    """The folder ``build`` uses without ``--out`` (under ``bench/_scaled``, ignored by git)."""
    return (base or ROOT / "bench" / "_scaled") / f"e{elections}-s{seed}"


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="build (or reuse) a scaled mirror")
    b.add_argument("--elections", type=int, default=500)
    b.add_argument("--seed", type=int, default=13)
    b.add_argument("--jobs", type=int, default=2, help="processes writing PDFs")
    b.add_argument("--out", type=Path, help="output folder (default bench/_scaled/e<N>-s<seed>)")
    s = sub.add_parser("serve", help="serve a built mirror on loopback")
    s.add_argument("root", type=Path)
    s.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if args.command == "build":
        out = args.out or default_out(args.elections, args.seed)
        started = time.perf_counter()
        data = build(out, args.elections, args.seed, args.jobs)
        print(
            f"{out}: {data['elections']} elections, {data['pdfs']} PDFs "
            f"({data['translations']} translations, {data['pdf_pages']} pages), "
            f"{data['listing_pages']} listing pages, {data['countries']} countries "
            f"in {time.perf_counter() - started:.1f} s"
        )
        return 0
    from odihr.site.server import MirrorServer

    with MirrorServer(args.root, port=args.port) as server:
        print(f"serving {args.root} at {server.base_url} (Ctrl-C stops)", flush=True)
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
