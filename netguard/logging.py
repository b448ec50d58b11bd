"""Logging filters for refusals that are routine on a public site."""

import logging


class OneLine(logging.Filter):
    """Drop the traceback: a refused Host header is a probe to note, not a bug to debug.

    Django logs each `DisallowedHost` at ERROR with its full traceback; scanners send
    thousands. The message ("Invalid HTTP_HOST header: 'x'...") already says it all.
    """

    def filter(self, record):
        record.exc_info = None
        record.exc_text = None
        record.stack_info = None
        record.levelno, record.levelname = logging.WARNING, "WARNING"
        return True
