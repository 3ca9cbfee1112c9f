"""PDF files, read with pypdf (pure Python, actively maintained)."""
import io

from .errors import ExtractionError


def extract(content):
    """The text of every page of a PDF, pages separated by blank lines."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError
    try:
        reader = PdfReader(io.BytesIO(content))
        if reader.is_encrypted:
            try:
                reader.decrypt('')     # an empty user password is common: "owner-only" protection
            except Exception:
                raise ExtractionError('the PDF is encrypted with a password') from None
        return '\n\n'.join(page.extract_text() or '' for page in reader.pages)
    except PdfReadError as error:
        raise ExtractionError('not a readable PDF (%s)' % error) from error
