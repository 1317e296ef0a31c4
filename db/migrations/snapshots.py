"""View definitions as each revision created them (a released revision never changes)."""

#: Revision 0001: the contract's five views, with lineage columns after the contract's own.
VIEWS_0001 = (
    """CREATE VIEW bi_reports AS
SELECT d.id AS report_id, d.url_path, c.name AS country, e.country_code,
       e.title AS election_title, e.election_type, e.early, e.election_date, e.mission_type,
       d.report_type, d.language, d.translation_of, d.published_on, v.pages, v.sha256,
       d.status, d.status_reason, v.dq_warnings, v.parser_version, v.loaded_at
FROM report_document d
JOIN election e ON e.id = d.election_id
JOIN country c ON c.code = e.country_code
LEFT JOIN document_version v ON v.id = COALESCE(d.current_version_id, d.latest_version_id)
""",
    """CREATE VIEW bi_results AS
SELECT d.id AS report_id, d.url_path, e.country_code, e.election_date, e.election_type,
       r.contest, r.contest_kind, r.round, r.round_date, r.contestant, r.nominated_by, r.votes,
       r.vote_share, r.seats, r.seats_proportional, r.seats_majoritarian, r.page,
       v.sha256, r.parser_version, r.run_id
FROM result r
JOIN report_document d ON d.current_version_id = r.version_id
JOIN document_version v ON v.id = r.version_id
JOIN election e ON e.id = d.election_id
""",
    """CREATE VIEW bi_turnout AS
SELECT d.id AS report_id, d.url_path, t.contest, t.round, t.registered_voters,
       t.voters_participated, t.turnout_pct, t.valid_votes, t.invalid_ballots,
       t.page, v.sha256, t.parser_version, t.run_id
FROM turnout t
JOIN report_document d ON d.current_version_id = t.version_id
JOIN document_version v ON v.id = t.version_id
""",
    """CREATE VIEW bi_observers AS
SELECT d.id AS report_id, d.url_path, o.position, o.given_name, o.family_name, o.country,
       o.role, o.delegation, o.delegation_parent,
       o.page, v.sha256, o.parser_version, o.run_id
FROM observer o
JOIN report_document d ON d.current_version_id = o.version_id
JOIN document_version v ON v.id = o.version_id
""",
    """CREATE VIEW bi_recommendations AS
SELECT d.id AS report_id, d.url_path, r.number, r.priority, r.section, r.text,
       r.previously_recommended,
       r.page, v.sha256, r.parser_version, r.run_id
FROM recommendation r
JOIN report_document d ON d.current_version_id = r.version_id
JOIN document_version v ON v.id = r.version_id
""",
)


#: Revision 0002: per-part statuses (bi_report_parts), bi_elections, and election_id,
#: report_url, text_source and the new fact columns after every view's existing columns.
VIEWS_0002 = (
    """CREATE VIEW bi_reports AS
SELECT d.id AS report_id, d.url_path, c.name AS country, e.country_code,
       e.title AS election_title, e.election_type, e.early, e.election_date, e.mission_type,
       d.report_type, d.language, d.translation_of, d.published_on, v.pages, v.sha256,
       d.status, d.status_reason, v.dq_warnings, v.parser_version, v.loaded_at,
       d.election_id, d.url AS report_url, v.text_source
FROM report_document d
JOIN election e ON e.id = d.election_id
JOIN country c ON c.code = e.country_code
LEFT JOIN document_version v ON v.id = COALESCE(d.current_version_id, d.latest_version_id)
""",
    """CREATE VIEW bi_results AS
SELECT d.id AS report_id, d.url_path, e.country_code, e.election_date, e.election_type,
       r.contest, r.contest_kind, r.round, r.round_date, r.contestant, r.nominated_by, r.votes,
       r.vote_share, r.seats, r.seats_proportional, r.seats_majoritarian, r.page,
       v.sha256, r.parser_version, r.run_id,
       r.extra_figures, d.election_id, d.url AS report_url, v.text_source
FROM result r
JOIN report_document d ON d.current_version_id = r.version_id
JOIN document_version v ON v.id = r.version_id
JOIN election e ON e.id = d.election_id
""",
    """CREATE VIEW bi_turnout AS
SELECT d.id AS report_id, d.url_path, t.contest, t.round, t.registered_voters,
       t.voters_participated, t.turnout_pct, t.valid_votes, t.invalid_ballots,
       t.page, v.sha256, t.parser_version, t.run_id,
       e.country_code, e.election_date, t.round_date, d.election_id, d.url AS report_url,
       v.text_source
FROM turnout t
JOIN report_document d ON d.current_version_id = t.version_id
JOIN document_version v ON v.id = t.version_id
JOIN election e ON e.id = d.election_id
""",
    """CREATE VIEW bi_observers AS
SELECT d.id AS report_id, d.url_path, o.position, o.given_name, o.family_name, o.country,
       o.role, o.delegation, o.delegation_parent,
       o.page, v.sha256, o.parser_version, o.run_id,
       o.country_code, o.delegation_kind, d.election_id, d.url AS report_url, v.text_source
FROM observer o
JOIN report_document d ON d.current_version_id = o.version_id
JOIN document_version v ON v.id = o.version_id
""",
    """CREATE VIEW bi_recommendations AS
SELECT d.id AS report_id, d.url_path, r.number, r.priority, r.section, r.text,
       r.previously_recommended,
       r.page, v.sha256, r.parser_version, r.run_id,
       r.numbered, d.election_id, d.url AS report_url, v.text_source
FROM recommendation r
JOIN report_document d ON d.current_version_id = r.version_id
JOIN document_version v ON v.id = r.version_id
""",
    """CREATE VIEW bi_report_parts AS
SELECT d.id AS report_id, d.url_path, p.part, p.status, p.reason, p.rows,
       p.page, v.sha256, p.parser_version, p.run_id,
       d.election_id, d.url AS report_url, v.text_source
FROM report_part p
JOIN report_document d ON p.version_id = COALESCE(d.current_version_id, d.latest_version_id)
JOIN document_version v ON v.id = p.version_id
""",
    """CREATE VIEW bi_elections AS
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
""",
)
