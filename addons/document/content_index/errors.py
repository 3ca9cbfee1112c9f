"""The two ways extracting a file's text fails."""


class ExtractionError(Exception):
    """A file of a kind we index could not be read (damaged, encrypted, not what its name says)."""


class UnsupportedFormat(ExtractionError):
    """The kind of file has no text to index (an image, an archive…): nothing is wrong with it."""
