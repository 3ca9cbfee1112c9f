"""The object-relational mapper: models, fields, domains and the registry.

Read in this order: ``fields/`` (what a column is), ``models.py`` (what a
recordset can do), ``environment.py`` (cursor, user, context and cache),
``domain.py`` and ``query.py`` (how a search becomes one SQL query),
``registry.py`` (how addon classes become the models of one database).
"""
