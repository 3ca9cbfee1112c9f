"""FTP access to the document tree (spec §12.5): see ``server.start``."""
