"""The "Auto Configure Directory" wizard: maps directories to the installed business models.

Each mapping of §12.6 is made only when its model is installed; an
existing directory of the same name at the root is updated rather than
duplicated, so running the wizard twice changes nothing.
"""
import socket

from framework import api, fields, models
from framework.config import config

#: system parameter holding the URL of "Browse Files Using FTP"
FTP_URL_PARAM = 'document.ftp_url'
DEFAULT_FTP_PORT = 8021

#: (directory name, model, domain, tree structure, [(virtual file name, suffix, report xml id)])
MAPPINGS = [
    ('All Sales Orders', 'sale.order', '[]', False, [('Print Order', '_print', 'sale.report_sale_order')]),
    ('Quotations', 'sale.order', "[('state','=','draft')]", False, []),
    ('Products', 'product.product', '[]', False, [('Product Stock', '_stock', 'stock.report_product_stock')]),
    ('Projects', 'account.analytic.account', '[]', True, []),
]


def detected_address():
    """The address of this host others may reach it at (first non-loopback), else 127.0.0.1."""
    try:
        probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        try:
            probe.connect(('192.0.2.1', 9))     # no packet is sent: this only picks a route
            address = probe.getsockname()[0]
        finally:
            probe.close()
        if address and not address.startswith('127.'):
            return address
    except OSError:
        pass
    return '127.0.0.1'


class DocumentConfigurationWizard(models.TransientModel):
    """Asks for the server address, then maps the directories and sets the FTP URL."""

    _name = 'document.configuration.wizard'
    _description = 'Auto Directory configuration'

    host = fields.Char(string='Server Address', size=64, required=True,
                       default=lambda self: detected_address(),
                       help='Put here the server address or IP. Keep localhost if you don\'t know '
                            'what to write.')

    def action_cancel(self):
        """Close the wizard without changing anything."""
        return {'type': 'ir.actions.act_window_close'}

    def action_config(self):
        """Map the directories of the installed models and store the FTP URL; close the wizard."""
        self.ensure_one()
        for name, model_name, domain, tree, contents in MAPPINGS:
            self._map_directory(name, model_name, domain, tree, contents)
        port = config.get('ftp_port') or DEFAULT_FTP_PORT
        self.env['ir.config_parameter'].sudo().set_param(FTP_URL_PARAM,
                                                         'ftp://%s:%d/' % (self.host, port))
        return {'type': 'ir.actions.act_window_close'}

    @api.model
    def _map_directory(self, name, model_name, domain, tree, contents):
        """Create or update root directory ``name`` mapped to ``model_name``, if that model exists."""
        model = self.env['ir.model'].sudo().search([('model', '=', model_name)], limit=1)
        if not model or model_name not in self.env:
            return None
        Directory = self.env['document.directory']
        directory = Directory.search([('name', '=', name), ('parent_id', '=', False)], limit=1)
        values = {'type': 'ressource', 'ressource_type_id': model.id, 'domain': domain,
                  'ressource_tree': tree}
        if directory:
            directory.write(values)
        else:
            directory = Directory.create(dict(values, name=name))
        for content_name, suffix, report_xmlid in contents:
            report = self.env.ref(report_xmlid, raise_if_not_found=False)
            if not report or directory.content_ids.filtered(lambda c: c.name == content_name):
                continue
            self.env['document.directory.content'].create({
                'name': content_name, 'suffix': suffix, 'extension': '.pdf',
                'report_id': report.id, 'directory_id': directory.id,
            })
        return directory
