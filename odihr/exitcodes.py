"""Exit statuses of the ``odihr`` command (see CONTRACT.md)."""

#: The run completed (quarantined reports are outcomes, not failures).
EXIT_OK = 0
#: The run could not complete (site or database unreachable after retries, warehouse busy).
EXIT_FAILED = 1
#: Bad usage (arguments or settings).
EXIT_USAGE = 2
#: Interrupted by Ctrl-C (SIGINT); what was loaded is kept and a rerun resumes.
EXIT_INTERRUPTED = 130
