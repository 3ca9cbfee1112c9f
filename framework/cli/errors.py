"""The CLI's own error: a sentence for the person at the terminal and an exit code."""


class CliError(Exception):
    """Stop the command, print ``str(self)`` on stderr and exit with ``code``."""

    def __init__(self, message, code=1):
        super().__init__(message)
        self.code = code
