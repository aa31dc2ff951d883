"""Log output on stderr, scoped to the ``claimcheck`` logger.

The root logger is left alone: configuring it made ``-vv`` print the debug records of every
library underneath (markdown-it's parser state, urllib3's connections).
"""

from __future__ import annotations

import logging

from claimcheck.escape import VisibleFormatter

LOGGER = "claimcheck"
HANDLER = "claimcheck-stderr"  # the name of the handler installed here, replaced on each run


def configure_logging(verbose: int) -> None:
    """Send the ``claimcheck`` logger's records to the current stderr: warnings, then info
    (``-v``) or debug (``-vv``)."""
    logger = logging.getLogger(LOGGER)
    for old in [h for h in logger.handlers if h.get_name() == HANDLER]:
        logger.removeHandler(old)
    handler = logging.StreamHandler()  # today's stderr: click's test runner swaps it per run
    handler.set_name(HANDLER)
    handler.setFormatter(VisibleFormatter("claimcheck: %(levelname)s: %(message)s"))
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING - 10 * min(verbose, 2))
    logger.propagate = False  # a handler on the root logger would print each record twice


def quieten_logging() -> None:
    """Errors only from now on (``check --quiet``)."""
    logging.getLogger(LOGGER).setLevel(logging.ERROR)
