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
