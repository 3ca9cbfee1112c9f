"""Messages built with the standard library: headers, encodings, threading, attachments."""
import email
import email.policy
import re

import pytest

from framework.mail import build_message, envelope_recipients, make_message_id, split_addresses


def _roundtrip(message):
    """What a receiving server reads: the bytes on the wire, parsed again."""
    raw = message.as_bytes()
    return raw, email.message_from_bytes(raw, policy=email.policy.default)


def test_headers_are_encoded_and_decode_back():
    message = build_message('Zoé Dupré <zoe@example.com>', 'Jürgen <j@example.de>, b@example.com',
                            'Réunion — café ☕', body='Bonjour, ça va ?\n',
                            email_cc='c@example.com', reply_to='replies@example.com',
                            in_reply_to='<parent@example.com>',
                            references='<root@example.com>  <parent@example.com>')
    raw, parsed = _roundtrip(message)
    assert all(byte < 128 for byte in raw.split(b'\r\n\r\n', 1)[0]), 'headers must be 7-bit'
    assert b'=?utf-8?' in raw
    assert parsed['Subject'] == 'Réunion — café ☕'
    assert parsed['From'].addresses[0].display_name == 'Zoé Dupré'
    assert [a.addr_spec for a in parsed['To'].addresses] == ['j@example.de', 'b@example.com']
    assert parsed['Cc'] == 'c@example.com' and parsed['Reply-To'] == 'replies@example.com'
    assert parsed['In-Reply-To'] == '<parent@example.com>'
    assert parsed['References'] == '<root@example.com> <parent@example.com>'
    assert parsed['Date'] and re.fullmatch(r'<.+@.+>', parsed['Message-Id'])
    assert parsed.get_content_charset() == 'utf-8'
    assert parsed.get_content().replace('\r\n', '\n') == 'Bonjour, ça va ?\n'


def test_text_and_html_make_an_alternative_and_attachments_follow():
    message = build_message('a@example.com', 'b@example.com', 'Report', body='See the figures.',
                            body_html='<p>See the <b>figures</b>.</p>',
                            attachments=[('chiffres é.csv', b'a,b\n1,2\n'),
                                         ('logo.png', b'\x89PNG\r\n', 'image/png')])
    _raw, parsed = _roundtrip(message)
    assert parsed.get_content_type() == 'multipart/mixed'
    assert parsed.get_body(('plain',)).get_content().strip() == 'See the figures.'
    assert '<b>figures</b>' in parsed.get_body(('html',)).get_content()
    files = {part.get_filename(): (part.get_content_type(), part.get_payload(decode=True))
             for part in parsed.iter_attachments()}
    assert files == {'chiffres é.csv': ('text/csv', b'a,b\n1,2\n'),
                     'logo.png': ('image/png', b'\x89PNG\r\n')}


def test_html_only_and_bcc_stays_off_the_message():
    message = build_message('a@example.com', '', 'Hi', body_html='<p>Hi</p>', email_bcc='hidden@example.com')
    assert message.get_content_type() == 'text/html'
    assert envelope_recipients(message) == ['hidden@example.com']
    # smtplib's send_message drops Bcc when it serializes; so must any of our callers
    assert 'hidden@example.com' not in message.as_string().split('\r\n\r\n')[1]


def test_extra_headers_cannot_break_the_mime_structure():
    message = build_message('a@example.com', 'b@example.com', 'x', body='y',
                            headers={'X-Case-Id': '42', 'Content-Type': 'text/evil'})
    assert message['X-Case-Id'] == '42' and message.get_content_type() == 'text/plain'


@pytest.mark.parametrize('sender, to, error', [
    (False, 'b@example.com', 'no sender'),
    ('a@example.com', '', 'no recipient'),
    ('a@example.com', 'b@example.com, not an address', 'not a list of email addresses'),
])
def test_a_mail_without_sender_or_recipient_is_refused_in_one_sentence(sender, to, error):
    with pytest.raises(ValueError, match=error):
        build_message(sender, to, 'x', body='y')


def test_message_ids_are_unique_and_name_the_record():
    first, second = make_message_id(7), make_message_id(7)
    assert first != second
    assert re.fullmatch(r'<\d+\.\d+\.\d+-openerp-7@[^>]+>', first)
    assert '-openerp-private@' in make_message_id()


def test_split_addresses():
    assert split_addresses('A <a@x.com>, b@x.com,,') == ['A <a@x.com>', 'b@x.com']
    assert split_addresses(['a@x.com', 'b@x.com']) == ['a@x.com', 'b@x.com']
    assert split_addresses(False) == []
