"""Password hashes are passlib's pbkdf2-sha512 strings, verified with the rounds they name."""
import re

from addons.base.password import DEFAULT_ROUNDS, hash_password, is_hash, verify_password

#: made by passlib 1.7.4: pbkdf2_sha512.using(rounds=1000, salt=b'0123456789abcdef').hash('admin')
PASSLIB_ADMIN_1000 = ('$pbkdf2-sha512$1000$MDEyMzQ1Njc4OWFiY2RlZg$VYpayuGgwzZdp432P4BiDOsz2R32Ock'
                      'UD4cZP0OnU/dRJDzvbA9NzD4JRchh6MOV7dGmpArYbuwTJVUOgj66DA')
PASSLIB_X_1500 = ('$pbkdf2-sha512$1500$VOp9DwFgrBXi3BsDoJTSug$F2yqmRr8ke6gzgO2HE6Tv/a7Rk5oGovkiw8noR4'
                  'LvgCnML/yKrq451mNlf1.am5c5I7M/Pv/rdFDiv1sjBscCg')
HASH_SHAPE = re.compile(r'^\$pbkdf2-sha512\$(\d+)\$[A-Za-z0-9./]+\$[A-Za-z0-9./]{86}$')


def test_hash_has_passlib_shape_and_default_rounds():
    hashed = hash_password('admin')
    match = HASH_SHAPE.match(hashed)
    assert match and int(match.group(1)) == DEFAULT_ROUNDS == 600_000
    assert '=' not in hashed and '+' not in hashed
    assert 'admin' not in hashed


def test_same_password_and_salt_give_passlibs_hash():
    assert hash_password('admin', rounds=1000, salt=b'0123456789abcdef') == PASSLIB_ADMIN_1000


def test_passlib_hashes_verify_with_their_own_rounds():
    assert verify_password('admin', PASSLIB_ADMIN_1000)
    assert verify_password('x', PASSLIB_X_1500)
    assert not verify_password('Admin', PASSLIB_ADMIN_1000)


def test_salt_is_random():
    assert hash_password('same', rounds=1000) != hash_password('same', rounds=1000)


def test_wrong_or_empty_password_and_broken_hash_do_not_verify():
    hashed = hash_password('secret ü', rounds=1000)
    assert verify_password('secret ü', hashed)
    assert not verify_password('secret u', hashed)
    assert not verify_password('', hashed)
    assert not verify_password('secret ü', hashed[:-4])
    assert not verify_password('secret ü', 'secret ü')
    assert is_hash(hashed) and not is_hash('secret ü')
