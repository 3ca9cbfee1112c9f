# storage and indexing of attachments
from . import ir_attachment_storage, ir_attachment_index
# directories (and what FTP shows of them)
from . import document_directory, document_directory_content, ir_attachment_directory
