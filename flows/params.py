"""Types of the flows' parameters, as a Prefect server checks them when a run is created.

Prefect builds a deployment's parameter schema from the flow's type hints (pydantic), and with
``enforce_parameter_schema=True`` the server validates a new run's parameters against it. A
``date`` becomes ``{"type": "string", "format": "date"}``, but the server validates with
``jsonschema.validate`` and no format checker (Prefect 3.9,
``prefect.utilities.schema_tools.validation.validate(raise_on_error=True)``), so ``format`` is
not asserted and ``date_from=2015-13-01`` was accepted, failing only inside the run. A
``pattern`` is always asserted: :data:`IsoDate` adds one that refuses impossible months and days
(``2015-13-01``, ``2015-02-30``) when the run is created; the flow's own pydantic validation
still refuses the rest (``2015-02-29``).
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from pydantic import Field

#: YYYY-MM-DD with a month of 01-12 and a day that month can have (29 February always).
ISO_DATE_PATTERN = (
    r"^\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])"
    r"|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|02-(?:0[1-9]|1\d|2\d))$"
)

#: An optional election date parameter (``date_from``, ``date_to``).
IsoDate = Annotated[date | None, Field(json_schema_extra={"pattern": ISO_DATE_PATTERN})]
