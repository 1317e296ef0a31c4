"""Text primitives every part reader shares: how reports print numbers, dates and their words.

* :mod:`.numbers` — counts and shares in every thousands and decimal style, dashes;
* :mod:`.dates` — single dates, lists of dates, periods, month-only dates (English, Russian);
* :mod:`.voting_days` — the voting days of an election line: a list, a span of weeks, a year;
* :mod:`.elections` — election phrases (``EARLY PARLIAMENTARY ELECTIONS``) and their kinds;
* :mod:`.terms` — the vocabulary of title pages: report types, mission types, languages.

Everything here is a pure function over text: no page, position or font.
"""
