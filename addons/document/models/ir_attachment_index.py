"""Full-text index of attachment contents: extraction after commit, a GIN-indexed tsvector, search.

Storing a content sets ``index_state`` to 'pending' and triggers the
indexing job (``ir.cron._trigger``: the runners wake when the upload
commits), so an upload never waits for text extraction. The job, in its own
transaction, extracts the text (``content_index``), stores it in
``index_content`` and its ``tsvector`` in ``index_vector`` (GIN index) with
the text search configuration of the uploader's language. A file that
cannot be read stays stored, flagged 'failed' with the reason.

A domain leaf ``('index_content', 'ilike' | 'like' | '@@', words)``
matches the attachments whose content has all those words (stemmed), through
the GIN index; ``not ilike`` / ``not like`` the others. :meth:`search_content`
returns the best matches with a highlighted excerpt, for the readers of the
records they are attached to.
"""
import html
import logging

import psycopg2

from framework import api, fields, models
from framework.orm.domain import AND

from ..content_index import ExtractionError, UnsupportedFormat, extract_text

_logger = logging.getLogger(__name__)

#: language (its part before "_") -> PostgreSQL text search configuration
TSCONFIG_BY_LANG = {
    'en': 'english', 'fr': 'french', 'de': 'german', 'es': 'spanish', 'it': 'italian',
    'nl': 'dutch', 'pt': 'portuguese', 'ru': 'russian', 'sv': 'swedish', 'da': 'danish',
    'fi': 'finnish', 'nb': 'norwegian', 'no': 'norwegian', 'hu': 'hungarian', 'ro': 'romanian',
    'tr': 'turkish', 'el': 'greek', 'id': 'indonesian', 'ga': 'irish', 'lt': 'lithuanian',
    'ne': 'nepali', 'sr': 'serbian', 'ta': 'tamil', 'ar': 'arabic', 'hy': 'armenian',
    'eu': 'basque', 'ca': 'catalan', 'hi': 'hindi', 'yi': 'yiddish',
}
DEFAULT_TSCONFIG = 'simple'
#: operators of a domain leaf on index_content that mean "content has these words"
MATCH_OPERATORS = {'@@': False, 'ilike': False, 'like': False, 'not ilike': True, 'not like': True}
#: characters of text kept in index_content, and fed to the tsvector (its size is limited to 1 MB)
MAX_CONTENT = 2000000
MAX_VECTOR_SOURCE = 300000
#: attachments indexed per job run (the job triggers itself again when more are pending)
JOB_LIMIT = 200
#: excerpt: how ts_headline cuts, and the marks it puts around matches (private-use characters,
#: removed from indexed text, so that everything else can be HTML-escaped)
MARK_START, MARK_STOP = '\ue000', '\ue001'
HEADLINE_OPTIONS = ('StartSel=%s, StopSel=%s, MaxWords=30, MinWords=12, ShortWord=2, '
                    'MaxFragments=2, FragmentDelimiter=" … "' % (MARK_START, MARK_STOP))


def tsconfig_for(lang):
    """The text search configuration for language code ``lang`` (fr_FR → french; unknown → simple)."""
    if not lang:
        return DEFAULT_TSCONFIG
    return TSCONFIG_BY_LANG.get(lang.split('_')[0].split('@')[0].lower(), DEFAULT_TSCONFIG)


def highlight(headline):
    """HTML of a ts_headline result: matches in ``<mark>``, everything else escaped."""
    out = []
    for index, part in enumerate(headline.split(MARK_START)):
        if index == 0:
            out.append(html.escape(part))
            continue
        match, _sep, rest = part.partition(MARK_STOP)
        out.append('<mark>%s</mark>%s' % (html.escape(match), html.escape(rest)))
    return ''.join(out)


class IrAttachmentIndex(models.Model):
    """The indexed text of an attachment, its state, and the content search."""

    _inherit = 'ir.attachment'

    index_content = fields.Text(string='Indexed Content', readonly=True, copy=False, prefetch=False,
                                help='Text extracted from the file, searched by content search.')
    index_state = fields.Selection([('pending', 'Pending'), ('done', 'Indexed'),
                                    ('failed', 'Could not be read'), ('skipped', 'Not indexed')],
                                   string='Indexing', readonly=True, copy=False, index=True,
                                   default='skipped',
                                   help='Whether the text of the file is indexed yet, or why not.')
    index_error = fields.Char(string='Indexing Error', size=512, readonly=True, copy=False)
    index_config = fields.Char(string='Text Search Configuration', size=64, readonly=True, copy=False,
                               help='PostgreSQL text search configuration of the language of the '
                                    'uploader (english, french…), used to stem the indexed words.')

    index_excerpt = fields.Html(string='Excerpt', compute='_compute_index_excerpt',
                                help='Where the searched words occur in the file, highlighted '
                                     '(when a content search is under way: context key content_query).')

    # --- schema: the tsvector column and its GIN index --------------------------------------
    @classmethod
    def _auto_init(cls, snapshot):
        """Add ``index_vector tsvector`` and its GIN index (not fields: the ORM never reads them)."""
        super()._auto_init(snapshot)
        columns = snapshot.columns.get(cls._table, {})
        if 'index_vector' not in columns:
            snapshot.cr.execute('ALTER TABLE ir_attachment ADD COLUMN index_vector tsvector')
            columns['index_vector'] = ('tsvector', False)
            # installing: the files attached before are indexed by the job's catch-up
            snapshot.cr.execute("""UPDATE ir_attachment SET index_state = 'pending'
                                    WHERE type = 'binary'
                                      AND (store_fname IS NOT NULL OR db_datas IS NOT NULL)""")
        if 'ir_attachment_index_vector_gin' not in snapshot.indexes:
            snapshot.cr.execute('CREATE INDEX IF NOT EXISTS ir_attachment_index_vector_gin '
                                'ON ir_attachment USING gin (index_vector)')
            snapshot.indexes.add('ir_attachment_index_vector_gin')

    # --- queueing ------------------------------------------------------------------------------
    @api.model
    def _user_tsconfig(self):
        lang = self.env.context.get('lang') or self.env.user.lang or 'en_US'
        return tsconfig_for(lang)

    @api.model_create_multi
    def create(self, vals_list):
        """Create attachments; those with content are queued for indexing after commit."""
        tsconfig = None
        prepared = []
        for vals in vals_list:
            vals = dict(vals)
            for key in ('index_content', 'index_state', 'index_error'):
                vals.pop(key, None)
            if vals.get('raw') or vals.get('datas'):
                tsconfig = tsconfig or self._user_tsconfig()
                vals.update(index_state='pending', index_config=tsconfig)
            prepared.append(vals)
        records = super().create(prepared)
        if tsconfig:
            self._queue_indexing()
        return records

    def write(self, vals):
        """Update attachments; a new content clears the index and queues the file again."""
        vals = dict(vals)
        for key in ('index_content', 'index_state', 'index_error'):
            vals.pop(key, None)
        if 'raw' in vals or 'datas' in vals:
            content = vals.get('raw') or vals.get('datas')
            vals.update(index_content=False, index_error=False,
                        index_state='pending' if content else 'skipped',
                        index_config=self._user_tsconfig())
            if self.ids:
                self.env.cr.execute('UPDATE ir_attachment SET index_vector = NULL WHERE id = ANY(%s)',
                                    [list(self.ids)])
            result = super().write(vals)
            if content:
                self._queue_indexing()
            return result
        return super().write(vals)

    @api.model
    def _queue_indexing(self):
        """Trigger the indexing job once per transaction, when it commits (never if it rolls back)."""
        cr = self.env.cr
        if getattr(cr, '_document_index_queued', False):
            return
        cr._document_index_queued = True
        env = self.env

        def trigger():
            cr._document_index_queued = False
            cron = env.ref('document.ir_cron_document_index', raise_if_not_found=False)
            if cron:
                cron.sudo()._trigger()

        def forget():
            cr._document_index_queued = False
        cr.precommit.add(trigger)
        cr.postrollback.add(forget)

    # --- the job ---------------------------------------------------------------------------------
    @api.model
    def _index_pending(self, limit=JOB_LIMIT):
        """Index up to ``limit`` pending attachments (rows other runners hold are skipped); return how many.

        Runs as the indexing job; when more remain, the job is triggered again.
        """
        self = self.sudo()
        self.env.flush_all()
        cr = self.env.cr
        cr.execute("""SELECT id FROM ir_attachment WHERE index_state = 'pending'
                    ORDER BY id LIMIT %s FOR NO KEY UPDATE SKIP LOCKED""", [int(limit) + 1])
        ids = [row[0] for row in cr.fetchall()]
        more = len(ids) > limit
        ids = ids[:limit]
        for attachment in self.browse(ids):
            attachment._index_one()
        self.env.invalidate_all()           # the rows were written with SQL
        if more:
            self._queue_indexing()
        return len(ids)

    def _index_one(self):
        """Extract this attachment's text and store it with its tsvector (or flag why not)."""
        self.ensure_one()
        cr = self.env.cr
        # read directly, not through the ``raw`` field: its prefetch would load a whole batch of files
        cr.execute("SELECT name, datas_fname, mimetype, type, index_config, store_fname, db_datas "
                   "FROM ir_attachment WHERE id = %s", [self.id])
        row = cr.fetchone()
        if not row:
            return
        name, datas_fname, mimetype, kind, tsconfig, store_fname, db_datas = row
        filename = datas_fname or name
        state, text, error = 'done', None, None
        raw = b''
        if kind == 'binary':
            raw = self._file_read(store_fname) if store_fname else bytes(db_datas or b'')
        if not raw:
            state = 'skipped'
        else:
            try:
                text = extract_text(raw, filename, mimetype)[:MAX_CONTENT]
            except UnsupportedFormat:
                state = 'skipped'
            except ExtractionError as exc:
                state, error = 'failed', str(exc)[:500]
                _logger.info('attachment %s (%s) not indexed: %s', self.id, filename, exc)
        if state == 'done':
            try:
                with cr.savepoint(flush=False):
                    cr.execute("""UPDATE ir_attachment
                                     SET index_content = %s, index_state = 'done', index_error = NULL,
                                         index_vector = to_tsvector(%s::regconfig, left(%s, %s))
                                   WHERE id = %s""",
                               [text, tsconfig or DEFAULT_TSCONFIG, text, MAX_VECTOR_SOURCE, self.id])
                return
            except psycopg2.Error as exc:
                state, error = 'failed', ('the text could not be indexed: %s' % (exc.pgerror or exc))[:500]
        cr.execute("""UPDATE ir_attachment SET index_content = NULL, index_vector = NULL,
                             index_state = %s, index_error = %s WHERE id = %s""", [state, error, self.id])

    # --- searching ---------------------------------------------------------------------------------
    @api.model
    def _search_tsconfigs(self):
        """The configurations a query is stemmed with: the user's, the active languages', simple."""
        self.env.cr.execute("SELECT code FROM res_lang WHERE active")
        configs = {tsconfig_for(code) for (code,) in self.env.cr.fetchall()}
        configs.update({self._user_tsconfig(), DEFAULT_TSCONFIG})
        return sorted(configs)

    @api.model
    def _tsquery(self, words):
        """SQL of a tsquery matching ``words`` as any configuration in use would have stemmed them.

        A constant expression (an OR of ``plainto_tsquery``), so the GIN index answers it.
        """
        from framework.orm.sql import SQL
        return SQL('(%s)', SQL.join(' || ', [SQL('plainto_tsquery(%s::regconfig, %s)', config, words)
                                            for config in self._search_tsconfigs()]))

    @api.model
    def _content_match_ids(self, words):
        """Ids of the attachments whose indexed content matches ``words`` (GIN index scan)."""
        from framework.orm.sql import SQL
        query = SQL('SELECT id FROM ir_attachment WHERE index_vector @@ %s', self._tsquery(words))
        return [row[0] for row in self.env.execute(query)]

    @api.model
    def _rewrite_content_leaves(self, domain):
        """``domain`` with each content-match leaf on index_content turned into an ``id`` leaf."""
        if not isinstance(domain, (list, tuple)):
            return domain
        result = []
        for element in domain:
            if (isinstance(element, (list, tuple)) and len(element) == 3
                    and element[0] == 'index_content' and isinstance(element[1], str)
                    and element[1].lower() in MATCH_OPERATORS
                    and isinstance(element[2], str) and element[2].strip()):
                negate = MATCH_OPERATORS[element[1].lower()]
                element = ('id', 'not in' if negate else 'in', self._content_match_ids(element[2]))
            elif isinstance(element, (list, tuple)) and len(element) == 3 and element[0] == 'index_content' \
                    and element[1] == '@@':
                element = ('id', 'in', [])      # no words: nothing matches
            result.append(element)
        return result

    @api.model
    def _search(self, domain, offset=0, limit=None, order=None):
        """Search; content-match leaves on ``index_content`` use the full-text index."""
        return super()._search(self._rewrite_content_leaves(domain), offset=offset, limit=limit, order=order)

    @api.depends_context('content_query')
    def _compute_index_excerpt(self):
        """The highlighted excerpt of each file for the words of ``context['content_query']``
        (one ts_headline query for all the records; empty without a search)."""
        from framework.orm.sql import SQL
        query = self.env.context.get('content_query')
        excerpts = {}
        ids = [record.id for record in self if isinstance(record.id, int)]
        if isinstance(query, str) and query.strip() and ids:
            excerpts = dict(self.env.execute(SQL(
                'SELECT id, ts_headline(%s::regconfig, left(index_content, %s), %s, %s) '
                'FROM ir_attachment WHERE id = ANY(%s) AND index_content IS NOT NULL',
                self._user_tsconfig(), MAX_VECTOR_SOURCE, self._tsquery(query), HEADLINE_OPTIONS, ids)))
        for record in self:
            headline = excerpts.get(record.id)
            record.index_excerpt = highlight(headline) if headline else False

    @api.model
    def search_content(self, query, domain=None, limit=80):
        """The attachments whose content matches ``query``, best first, with a highlighted excerpt.

        Returns ``[{'id', 'name', 'res_model', 'res_id', 'res_name', 'excerpt'}]`` (at most
        ``limit``), only attachments the user may read, attached to records the user may read (or
        to none). ``excerpt`` is HTML: the matched words in ``<mark>``, the rest escaped.
        """
        from framework.orm.sql import SQL
        if not isinstance(query, str) or not query.strip():
            return []
        limit = max(1, min(int(limit or 80), 1000))
        tsquery = self._tsquery(query)
        matching = self._search(AND([self._rewrite_content_leaves(domain or []),
                                     [('index_content', 'ilike', query)]]))
        if matching.is_empty():
            return []
        found, offset, chunk = [], 0, max(limit * 2, 50)
        while len(found) < limit:
            rows = self.env.execute(SQL(
                'SELECT a.id, a.name, a.res_model, a.res_id, a.res_name FROM ir_attachment a '
                'WHERE a.id IN %s ORDER BY ts_rank(a.index_vector, %s) DESC, a.id DESC LIMIT %s OFFSET %s',
                matching.subselect(), tsquery, chunk, offset))
            if not rows:
                break
            found.extend(self._readable_records(rows))
            offset += chunk
        found = found[:limit]
        if not found:
            return []
        headline = SQL(
            'SELECT id, ts_headline(%s::regconfig, left(index_content, %s), %s, %s) '
            'FROM ir_attachment WHERE id = ANY(%s)',
            self._user_tsconfig(), MAX_VECTOR_SOURCE, tsquery, HEADLINE_OPTIONS, [r['id'] for r in found])
        excerpts = dict(self.env.execute(headline))
        for record in found:
            record['excerpt'] = highlight(excerpts.get(record['id']) or '')
        return found

    @api.model
    def _readable_records(self, rows):
        """The rows ``(id, name, res_model, res_id, res_name)`` whose record the user may read, as dicts.

        ``res_name`` is the record's display name now.
        """
        from framework.exceptions import AccessError
        by_model = {}
        for row in rows:
            if row[2] and row[3]:
                by_model.setdefault(row[2], set()).add(row[3])
        names = {}
        for model_name, res_ids in by_model.items():
            if model_name not in self.env:
                continue
            model = self.env[model_name].with_context(active_test=False)
            try:
                readable = model.search([('id', 'in', list(res_ids))])
            except AccessError:
                continue
            names.update({(model_name, rid): name for rid, name in readable.name_get()})
        result = []
        for attachment_id, name, res_model, res_id, res_name in rows:
            if res_model and res_id:
                if (res_model, res_id) not in names:
                    continue
                res_name = names[(res_model, res_id)]
            result.append({'id': attachment_id, 'name': name, 'res_model': res_model or False,
                           'res_id': res_id or False, 'res_name': res_name or False})
        return result
