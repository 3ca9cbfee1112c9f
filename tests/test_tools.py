"""Progress reporting and the log line format."""
import io
import logging
import os
import re

from framework.tools.log import init_logger, set_dbname
from framework.tools.progress import progress


class FakeTerminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_draws_a_bar_on_a_terminal():
    out = FakeTerminal()
    assert list(progress(range(4), label='installing', stream=out)) == [0, 1, 2, 3]
    text = out.getvalue()
    assert text.endswith("\rinstalling [##############################] 4/4\n")
    assert "\rinstalling [#######-----------------------] 1/4" in text


def test_progress_logs_plain_lines_elsewhere(caplog):
    out = io.StringIO()
    with caplog.at_level(logging.INFO, logger='framework.tools.progress'):
        assert list(progress(iter('abc'), total=3, label='import', stream=out)) == ['a', 'b', 'c']
    assert out.getvalue() == ''
    messages = [r.getMessage() for r in caplog.records]
    assert messages[0] == 'import: starting (3 items)'
    assert re.fullmatch(r'import: done, 3/3 in \d+\.\ds', messages[-1])


def test_log_line_format():
    stream = io.StringIO()
    init_logger('info', stream=stream)
    try:
        set_dbname('crm')
        logging.getLogger('framework.test').info('hello %s', 'world')
        logging.getLogger('framework.test').debug('not shown')
    finally:
        set_dbname(None)
        root = logging.getLogger()
        for handler in list(root.handlers):
            if getattr(handler, '_odoo_crm', False):
                root.removeHandler(handler)
    line = stream.getvalue()
    assert re.fullmatch(r'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d{3} %d INFO crm framework.test: hello world\n'
                        % os.getpid(), line)
