"""Raw RFC 822 messages as the gateway reads them: text, headers, attachments, errors."""
import pytest

from framework.mailgate import MessageParseError, html_to_text, parse_message


def test_multipart_with_pdf_attachment(eml):
    msg = parse_message(eml('multipart_pdf.eml'))
    assert msg['message_id'] == '<CAF3x9Zq1-printer-quote@mail.agrolait.com>'
    assert msg['subject'] == 'Quotation for the printer'
    assert msg['email_from'] == 'info@agrolait.com'
    assert msg['cc'] == 'boss@agrolait.com'
    assert msg['date'] == '2025-03-03 08:13:58'
    # the plain alternative is the body, not the HTML one as well
    assert msg['body'] == ('Hello,\n\nPlease find our quotation request attached. '
                           'The printer is a \u201cLaserJet 4\u201d.\n\nRegards,\nAgrolait')
    [(name, content, mimetype)] = msg['attachments']
    assert name == 'Devis imprimante.pdf'  # RFC 2231 filename
    assert content.startswith(b'%PDF-1.4') and mimetype == 'application/pdf'


def test_html_only_body_becomes_readable_text(eml):
    msg = parse_message(eml('html_only.eml'))
    assert msg['from'] == 'Caf\u00e9 Bistro <hello@bistro.example.net>'
    assert msg['body'] == ('**We are open**\n\nDear customer,\n\n'
                           'Our caf\u00e9 is open \u201cevery day\u201d from *8am* to 6pm & more.\n\n'
                           'See our hours [1].\n\n[1] https://bistro.example.net/hours')
    assert 'color: red' not in msg['body'] and '<b>' in msg['body_html']


def test_iso_8859_1_subject_and_body(eml):
    msg = parse_message(eml('latin1_subject.eml'))
    assert msg['subject'] == "Probl\u00e8me de t\u00e9l\u00e9phone \u00e0 l'accueil"
    assert msg['from'] == 'Fran\u00e7ois P\u00e9rez <francois@laposte.example.fr>'
    assert 'Le t\u00e9l\u00e9phone' in msg['body'] and msg['body'].endswith('Fran\u00e7ois')


def test_missing_charset_and_raw_8bit_headers(eml):
    msg = parse_message(eml('no_charset_8bit.eml'))
    assert msg['subject'] == 'Drucker kaputt \u2013 schnell bitte'
    assert msg['from'] == 'J\u00fcrgen M\u00fcller <juergen@old-client.example.org>'
    assert msg['body'] == 'Gr\u00fc\u00dfe aus M\u00fcnchen, der Drucker ist kaputt.'


def test_windows_1252_bytes_declared_as_utf8_and_unknown_charset():
    raw = (b'From: a@example.com\nSubject: =?x-no-such-charset?Q?caf=E9?=\n'
           b'Content-Type: text/plain; charset=utf-8\n\nit costs 5\x80 \x93really\x94\n')
    msg = parse_message(raw)
    assert msg['body'] == 'it costs 5\u20ac \u201creally\u201d'
    assert msg['subject'] == 'caf\u00e9'


def test_reply_headers_and_text_input():
    raw = ('From: b@example.com\r\nSubject: Re: [12] Printer\r\nMessage-Id: <r1@example.com>\r\n'
           'In-Reply-To: <m2@example.com>\r\nReferences: <m1@example.com>\r\n <m2@example.com>\r\n\r\nok\r\n')
    msg = parse_message(raw)  # XML-RPC clients send str
    assert msg['in_reply_to'] == '<m2@example.com>'
    assert msg['references'] == ['<m1@example.com>', '<m2@example.com>']
    assert msg['body'] == 'ok'


def test_encoded_attachment_name_and_nameless_image():
    raw = (b'From: a@example.com\nSubject: pics\nMIME-Version: 1.0\n'
           b'Content-Type: multipart/mixed; boundary=XX\n\n--XX\nContent-Type: text/plain\n\nsee\n'
           b'--XX\nContent-Type: text/plain; name="=?utf-8?q?r=C3=A9sum=C3=A9.txt?="\n'
           b'Content-Disposition: attachment\n\nmy cv\n'
           b'--XX\nContent-Type: image/png\nContent-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--XX--\n')
    msg = parse_message(raw)
    assert msg['body'] == 'see'
    assert [(n, c, t) for n, c, t in msg['attachments']] == [
        ('r\u00e9sum\u00e9.txt', b'my cv', 'text/plain'),
        ('attach_file2.png', b'\x89PNG\r\n\x1a\n', 'image/png')]


def test_missing_message_id_gets_a_stable_one():
    raw = b'From: a@example.com\nSubject: no id\n\nbody\n'
    assert parse_message(raw)['message_id'] == parse_message(raw)['message_id']
    assert parse_message(raw)['message_id'] != parse_message(raw + b'x')['message_id']


@pytest.mark.parametrize('name, reason', [
    ('malformed.eml', 'it has no header lines'),
    ('broken_multipart.eml', 'it is a multipart message whose parts cannot be found'),
])
def test_malformed_messages_raise_one_sentence(eml, name, reason):
    with pytest.raises(MessageParseError) as info:
        parse_message(eml(name))
    assert str(info.value).startswith('The message cannot be read: ' + reason)
    assert isinstance(info.value, ValueError)


@pytest.mark.parametrize('raw, reason', [(b'', 'it is empty'), (b'Subject: hi\n\nbody', 'it has no From header')])
def test_empty_or_senderless_message(raw, reason):
    with pytest.raises(MessageParseError, match=reason):
        parse_message(raw)


def test_html_to_text_lists_and_entities():
    assert html_to_text('<ul><li>one</li><li>two &lt;3</li></ul><script>x()</script>') == '* one\n* two <3'
