"""The contract's BI views (../CONTRACT.md), one SQL text each, portable to SQLite and PostgreSQL.

Facts come from each document's *current* version: the newest version whose facts were loaded.
A version that is quarantined never shows up in the fact views. Lineage columns (``sha256``,
``parser_version``, ``run_id``) extend the contract's columns at the end of each fact view; the
extensions of revision 0002 (``election_id``, ``report_url``, ``text_source``, …) follow them, so
a column once published never moves.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

BI_REPORTS = """
CREATE VIEW bi_reports AS
SELECT d.id AS report_id, d.url_path, c.name AS country, e.country_code,
       e.title AS election_title, e.election_type, e.early, e.election_date, e.mission_type,
       d.report_type, d.language, d.translation_of, d.published_on, v.pages, v.sha256,
       d.status, d.status_reason, v.dq_warnings, v.parser_version, v.loaded_at,
       d.election_id, d.url AS report_url, v.text_source
FROM report_document d
JOIN election e ON e.id = d.election_id
JOIN country c ON c.code = e.country_code
LEFT JOIN document_version v ON v.id = COALESCE(d.current_version_id, d.latest_version_id)
"""

BI_RESULTS = """
CREATE VIEW bi_results AS
SELECT d.id AS report_id, d.url_path, e.country_code, e.election_date, e.election_type,
       r.contest, r.contest_kind, r.round, r.round_date, r.contestant, r.nominated_by, r.votes,
       r.vote_share, r.seats, r.seats_proportional, r.seats_majoritarian, r.page,
       v.sha256, r.parser_version, r.run_id,
       r.extra_figures, d.election_id, d.url AS report_url, v.text_source
FROM result r
JOIN report_document d ON d.current_version_id = r.version_id
JOIN document_version v ON v.id = r.version_id
JOIN election e ON e.id = d.election_id
"""

BI_TURNOUT = """
CREATE VIEW bi_turnout AS
SELECT d.id AS report_id, d.url_path, t.contest, t.round, t.registered_voters,
       t.voters_participated, t.turnout_pct, t.valid_votes, t.invalid_ballots,
       t.page, v.sha256, t.parser_version, t.run_id,
       e.country_code, e.election_date, t.round_date, d.election_id, d.url AS report_url,
       v.text_source
FROM turnout t
JOIN report_document d ON d.current_version_id = t.version_id
JOIN document_version v ON v.id = t.version_id
JOIN election e ON e.id = d.election_id
"""

BI_OBSERVERS = """
CREATE VIEW bi_observers AS
SELECT d.id AS report_id, d.url_path, o.position, o.given_name, o.family_name, o.country,
       o.role, o.delegation, o.delegation_parent,
       o.page, v.sha256, o.parser_version, o.run_id,
       o.country_code, o.delegation_kind, d.election_id, d.url AS report_url, v.text_source
FROM observer o
JOIN report_document d ON d.current_version_id = o.version_id
JOIN document_version v ON v.id = o.version_id
"""

BI_RECOMMENDATIONS = """
CREATE VIEW bi_recommendations AS
SELECT d.id AS report_id, d.url_path, r.number, r.priority, r.section, r.text,
       r.previously_recommended,
       r.page, v.sha256, r.parser_version, r.run_id,
       r.numbered, d.election_id, d.url AS report_url, v.text_source
FROM recommendation r
JOIN report_document d ON d.current_version_id = r.version_id
JOIN document_version v ON v.id = r.version_id
"""

#: The parts of the version ``bi_reports`` shows (its facts are in the fact views when loaded).
BI_REPORT_PARTS = """
CREATE VIEW bi_report_parts AS
SELECT d.id AS report_id, d.url_path, p.part, p.status, p.reason, p.rows,
       p.page, v.sha256, p.parser_version, p.run_id,
       d.election_id, d.url AS report_url, v.text_source
FROM report_part p
JOIN report_document d ON p.version_id = COALESCE(d.current_version_id, d.latest_version_id)
JOIN document_version v ON v.id = p.version_id
"""

#: One row per election page; ``reports`` counts its report documents (translations included).
BI_ELECTIONS = """
CREATE VIEW bi_elections AS
SELECT e.id AS election_id, c.name AS country, e.country_code, e.title, e.election_type,
       e.election_date, e.election_dates AS dates, e.mission_type,
       COUNT(d.id) AS reports,
       COUNT(CASE WHEN d.report_type = 'final' AND (d.status = 'loaded' OR d.status = 'partial')
                  THEN 1 END) > 0 AS final_report_loaded,
       e.url_path AS election_url_path
FROM election e
JOIN country c ON c.code = e.country_code
LEFT JOIN report_document d ON d.election_id = e.id
GROUP BY e.id, c.name, e.country_code, e.title, e.election_type, e.election_date,
         e.election_dates, e.mission_type, e.url_path
"""

#: View name → CREATE statement, in creation order.
VIEWS: dict[str, str] = {
    "bi_reports": BI_REPORTS,
    "bi_results": BI_RESULTS,
    "bi_turnout": BI_TURNOUT,
    "bi_observers": BI_OBSERVERS,
    "bi_recommendations": BI_RECOMMENDATIONS,
    "bi_report_parts": BI_REPORT_PARTS,
    "bi_elections": BI_ELECTIONS,
}


def drop_views(connection: Connection) -> None:
    """Drop every BI view (before a migration changes the tables under them)."""
    for name in reversed(list(VIEWS)):
        connection.execute(text(f"DROP VIEW IF EXISTS {name}"))


def create_views(connection: Connection) -> None:
    """(Re)create every BI view from the definitions above."""
    drop_views(connection)
    for sql in VIEWS.values():
        connection.execute(text(sql))


def view_readers(connection: Connection) -> list[str]:
    """Roles other than the owner that may SELECT a BI view, quoted for SQL (PostgreSQL only).

    Dropping a view drops its grants: a migration that recreates the views would silently lock
    BI roles out. :func:`db.migrate.upgrade` reads the readers before migrating and gives them
    :func:`grant_select` on every view afterwards.
    """
    if connection.dialect.name != "postgresql":
        return []
    rows = connection.execute(
        text(
            "SELECT DISTINCT quote_ident(r.rolname) FROM pg_class c "
            "JOIN pg_namespace n ON n.oid = c.relnamespace "
            "CROSS JOIN LATERAL aclexplode(c.relacl) AS a "
            "JOIN pg_roles r ON r.oid = a.grantee "
            "WHERE n.nspname = current_schema() AND c.relkind = 'v' "
            "AND c.relname = ANY(:views) AND a.privilege_type = 'SELECT' "
            "AND a.grantee <> c.relowner ORDER BY 1"
        ),
        {"views": list(VIEWS)},
    )
    return list(rows.scalars())


def grant_select(connection: Connection, quoted_roles: list[str]) -> None:
    """GRANT SELECT on every BI view to each role (names already quoted with ``quote_ident``)."""
    if not quoted_roles:
        return
    schema = connection.execute(text("SELECT quote_ident(current_schema())")).scalar()
    for role in quoted_roles:
        for view in VIEWS:
            connection.execute(text(f"GRANT SELECT ON {schema}.{view} TO {role}"))
