"""Show progress of long work: a bar on a terminal, plain log lines otherwise."""
import logging
import sys
import time

_logger = logging.getLogger(__name__)

_BAR_WIDTH = 30
# on a pipe or in a log file, one line every so often is enough
_LOG_EVERY_SECONDS = 5.0


def progress(iterable, total=None, label='', stream=None):
    """Yield the items of ``iterable`` unchanged while reporting how far along it is.

    ``total`` defaults to ``len(iterable)`` when it has one. On a terminal
    (``stream``, default stderr) a bar is redrawn in place; otherwise a log
    line is written at the start, every few seconds and at the end.
    """
    stream = stream or sys.stderr
    if total is None:
        try:
            total = len(iterable)
        except TypeError:
            total = None
    tty = hasattr(stream, 'isatty') and stream.isatty()
    start = last = time.monotonic()
    done = 0
    if not tty:
        _logger.info("%s: starting%s", label or 'work', f" ({total} items)" if total else '')
    for item in iterable:
        yield item
        done += 1
        now = time.monotonic()
        if tty:
            _draw(stream, label, done, total)
        elif now - last >= _LOG_EVERY_SECONDS:
            last = now
            _logger.info("%s: %s", label or 'work', _count(done, total))
    elapsed = time.monotonic() - start
    if tty:
        stream.write('\n')
        stream.flush()
    else:
        _logger.info("%s: done, %s in %.1fs", label or 'work', _count(done, total), elapsed)


def _count(done, total):
    return f"{done}/{total}" if total else str(done)


def _draw(stream, label, done, total):
    if total:
        filled = int(_BAR_WIDTH * min(done, total) / total)
        bar = '#' * filled + '-' * (_BAR_WIDTH - filled)
        text = f"\r{label} [{bar}] {done}/{total}"
    else:
        text = f"\r{label} {done}"
    stream.write(text)
    stream.flush()
