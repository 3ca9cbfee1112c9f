"""``mail.thread.message_process``: new threads, replies, attachments, duplicates, kept failures."""
import base64

import pytest

from framework.mailgate import DeliveryError

TICKET = 'test.mailgate.ticket'


def process(env, raw, model=TICKET, **kwargs):
    return env['mail.thread'].message_process(model, raw, **kwargs)


def reply(message_id, subject='Re: Quotation for the printer', references=None, sender='info@agrolait.com',
          own_id='<reply-1@agrolait.com>'):
    headers = ['From: %s' % sender, 'To: support@example.com', 'Subject: %s' % subject,
               'Message-Id: %s' % own_id]
    if message_id:
        headers.append('In-Reply-To: %s' % message_id)
    if references:
        headers.append('References: %s' % references)
    return ('\r\n'.join(headers) + '\r\n\r\nThanks, any news?\r\n').encode()


def test_new_message_creates_a_record_with_its_attachment(env, eml):
    ticket = env[TICKET].browse(process(env, eml('multipart_pdf.eml')))
    assert ticket.name == 'Quotation for the printer'
    assert ticket.email_from == '"Agrolait Purchasing" <info@agrolait.com>'
    assert ticket.description.startswith('Hello,\n\nPlease find our quotation request attached.')
    attachment = env['ir.attachment'].search([('res_model', '=', TICKET), ('res_id', '=', ticket.id)])
    assert attachment.name == 'Devis imprimante.pdf'
    assert attachment.mimetype == 'application/pdf'
    assert bytes(attachment.raw).startswith(b'%PDF-1.4')


def test_html_only_and_latin1_messages(env, eml):
    html = env[TICKET].browse(process(env, eml('html_only.eml')))
    assert html.description.startswith('**We are open**\n\nDear customer,')
    latin = env[TICKET].browse(process(env, eml('latin1_subject.eml')))
    assert latin.name == "Probl\u00e8me de t\u00e9l\u00e9phone \u00e0 l'accueil"


def test_message_as_str_and_as_base64(env, eml):
    raw = eml('html_only.eml')
    first = process(env, raw.decode('windows-1252'))
    assert process(env, base64.b64encode(raw).decode()) == first


def test_same_message_twice_makes_one_record(env, eml):
    first = process(env, eml('multipart_pdf.eml'))
    assert process(env, eml('multipart_pdf.eml')) == first
    assert env[TICKET].search_count([('name', '=', 'Quotation for the printer')]) == 1
    assert env['ir.attachment'].search_count([('res_model', '=', TICKET), ('res_id', '=', first)]) == 1


def test_reply_to_a_mail_sent_from_the_database(env):
    ticket = env[TICKET].create({'name': 'Printer'})
    sent = env['mail.mail'].create({'email_from': 'support@example.com', 'email_to': 'info@agrolait.com',
                                    'subject': '[%d] Printer' % ticket.id, 'body': 'We are on it',
                                    'model': TICKET, 'res_id': ticket.id})
    assert sent.message_id
    count = env[TICKET].search_count([])
    assert process(env, reply(sent.message_id, subject='Re: about the printer')) == ticket.id
    assert ticket.state == 'pending'
    assert ticket.note_ids.body == 'Thanks, any news?'
    assert env[TICKET].search_count([]) == count


def test_reply_to_a_received_message_joins_its_thread(env, eml):
    first = process(env, eml('multipart_pdf.eml'))
    count = env[TICKET].search_count([])
    answer = reply(None, subject='Re: something else',
                   references='<older@x.org> <CAF3x9Zq1-printer-quote@mail.agrolait.com>')
    assert process(env, answer) == first
    assert env[TICKET].search_count([]) == count
    assert env[TICKET].browse(first).note_ids.email_from == 'info@agrolait.com'


def test_subject_tag_and_tinycrm_reference(env):
    ticket = env[TICKET].create({'name': 'Printer'})
    assert process(env, reply(None, subject='Re: [%d] Printer' % ticket.id)) == ticket.id
    tinycrm = '<1700000000-tinycrm-%d@crm.example.com>' % ticket.id
    assert process(env, reply(None, subject='no tag', references=tinycrm, own_id='<r2@x.org>')) == ticket.id
    assert len(ticket.note_ids) == 2


def test_unknown_subject_tag_opens_a_new_thread(env):
    new_id = process(env, reply(None, subject='Re: [99999999] nothing'))
    assert env[TICKET].browse(new_id).name == 'Re: [99999999] nothing'


def test_thread_id_forces_the_record(env):
    ticket = env[TICKET].create({'name': 'Forced'})
    assert process(env, reply(None, subject='unrelated'), thread_id=ticket.id) == ticket.id
    assert ticket.state == 'pending'


def test_default_message_new_and_custom_values_save_original_strip(env, eml):
    lead = env['test.mailgate.lead'].browse(
        process(env, eml('multipart_pdf.eml'), model='test.mailgate.lead',
                custom_values={'source': 'email'}, save_original=True, strip_attachments=True))
    assert (lead.name, lead.source) == ('Quotation for the printer', 'email')
    attachments = env['ir.attachment'].search([('res_model', '=', 'test.mailgate.lead'), ('res_id', '=', lead.id)])
    assert attachments.mapped('name') == ['original_email.eml']


# --- failures: kept in a transaction of their own, so these tests commit ----------------

def _failures(run, message_id):
    return run(lambda env: env['mail.gateway.failure'].search_read(
        [('message_id', '=', message_id)], ['model', 'reason', 'raw_message']))


@pytest.mark.parametrize('model, subject, reason', [
    ('no.such.model', 'hello', 'there is no model "no.such.model" in this database.'),
    ('test.mailgate.plain', 'hello', 'the model "test.mailgate.plain" does not receive mail'),
    (TICKET, 'please refuse me', 'Tickets about "refuse me" are not accepted.'),
])
def test_undeliverable_message_is_kept_and_refused(committed, model, subject, reason):
    dbname, run = committed
    raw = reply(None, subject=subject, own_id='<fail-%s@x.org>' % model)
    with pytest.raises(DeliveryError) as info:
        run(lambda env: process(env, raw, model=model))
    assert reason in str(info.value)
    assert '\n' not in str(info.value)
    [failure] = _failures(run, '<fail-%s@x.org>' % model)
    assert failure['model'] == model and reason in failure['reason']
    assert base64.b64decode(failure['raw_message']) == raw
    assert info.value.failure_id
    # nothing of the delivery was written
    assert run(lambda env: env['mail.gateway.message'].search_count([('message_id', '=', '<fail-%s@x.org>' % model)])) == 0
    assert run(lambda env: env[TICKET].search_count([])) == 0


def test_malformed_message_is_kept(committed, eml):
    dbname, run = committed
    with pytest.raises(DeliveryError, match=r'^The message cannot be read: it has no header lines'):
        run(lambda env: process(env, eml('malformed.eml')))
    failures = run(lambda env: env['mail.gateway.failure'].search_read([], ['reason', 'raw_message']))
    assert len(failures) == 1
    assert base64.b64decode(failures[0]['raw_message']) == eml('malformed.eml')
    assert run(lambda env: env[TICKET].search_count([])) == 0
