"""Git's SSH commit signatures, checked in process.

A signed commit carries a `gpgsig` header holding an armored SSHSIG blob
(OpenSSH PROTOCOL.sshsig); the signed payload is the commit object with that
header removed. Checking it here with `cryptography` costs tens of
microseconds, where `git verify-commit` spawns `ssh-keygen` for each commit.
Which key may sign is decided elsewhere (signers.py); this module only says
whether a signature is mathematically good and which public key made it.

`sign` produces the same bytes as `ssh-keygen -Y sign` for ed25519 keys
(the scheme is deterministic), so benchmarks and tests can build large signed
histories without one process per commit.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass
from functools import lru_cache

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

MAGIC = b"SSHSIG"
BEGIN = b"-----BEGIN SSH SIGNATURE-----"
END = b"-----END SSH SIGNATURE-----"
PGP_BEGIN = b"-----BEGIN PGP SIGNATURE-----"
HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
_CURVES = {b"nistp256": (ec.SECP256R1, hashes.SHA256), b"nistp384": (ec.SECP384R1, hashes.SHA384),
           b"nistp521": (ec.SECP521R1, hashes.SHA512)}


class SigFormatError(ValueError):
    """The signature blob is malformed or uses an algorithm we do not handle."""


@dataclass(frozen=True)
class Signed:
    """A commit split into what was signed and the signature over it."""

    payload: bytes
    signature: bytes  # armored, as stored in the header
    kind: str  # "ssh", "pgp" or "x509"


def split_commit(raw: bytes) -> Signed | None:
    """Separate the gpgsig header from a raw commit object; None when unsigned."""
    head, sep, message = raw.partition(b"\n\n")
    lines = head.split(b"\n")
    kept: list[bytes] = []
    sig: list[bytes] = []
    inside = False
    for line in lines:
        if inside and line.startswith(b" "):
            sig.append(line[1:])
            continue
        inside = False
        if line.startswith(b"gpgsig ") and not sig:
            inside = True
            sig.append(line[len(b"gpgsig "):])
            continue
        kept.append(line)
    if not sig:
        return None
    armored = b"\n".join(sig) + b"\n"
    kind = "ssh" if armored.startswith(BEGIN) else "pgp" if armored.startswith(PGP_BEGIN) else "x509"
    return Signed(b"\n".join(kept) + sep + message, armored, kind)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.at = data, 0

    def string(self) -> bytes:
        if self.at + 4 > len(self.data):
            raise SigFormatError("truncated")
        (size,) = struct.unpack_from(">I", self.data, self.at)
        start = self.at + 4
        if start + size > len(self.data):
            raise SigFormatError("truncated")
        self.at = start + size
        return self.data[start:self.at]


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


@dataclass(frozen=True)
class SshSig:
    public_key: bytes  # the SSH wire blob; base64 of it is the key in allowed_signers
    namespace: str
    hash_alg: str
    sig_type: bytes
    sig: bytes

    @property
    def key_text(self) -> str:
        """`type base64`, the form keys take in the roster and allowed_signers."""
        kind = _Reader(self.public_key).string().decode("ascii", "replace")
        return f"{kind} {base64.b64encode(self.public_key).decode()}"


def parse_armored(armored: bytes) -> SshSig:
    body = armored.strip()
    if not (body.startswith(BEGIN) and body.endswith(END)):
        raise SigFormatError("not an SSH signature")
    try:
        blob = base64.b64decode(b"".join(body[len(BEGIN):-len(END)].split()), validate=True)
    except ValueError:
        raise SigFormatError("bad base64") from None
    if not blob.startswith(MAGIC) or len(blob) < 10:
        raise SigFormatError("bad magic")
    if struct.unpack_from(">I", blob, 6)[0] != 1:
        raise SigFormatError("unsupported version")
    r = _Reader(blob)
    r.at = 10
    key, ns, _reserved, alg, sig = r.string(), r.string(), r.string(), r.string(), r.string()
    s = _Reader(sig)
    sig_type, sig_bytes = s.string(), s.string()
    return SshSig(key, ns.decode("ascii", "replace"), alg.decode("ascii", "replace"),
                  sig_type, sig_bytes)


def _signed_data(namespace: str, hash_alg: str, message: bytes) -> bytes:
    digest = HASHES[hash_alg](message).digest()
    return (MAGIC + _string(namespace.encode()) + _string(b"") + _string(hash_alg.encode())
            + _string(digest))


@lru_cache(maxsize=4096)
def _load_key(blob: bytes) -> tuple[bytes, object]:
    """Parse an SSH public key blob once per run into a cryptography key."""
    r = _Reader(blob)
    kind = r.string()
    if kind == b"ssh-ed25519":
        return kind, ed25519.Ed25519PublicKey.from_public_bytes(r.string())
    if kind == b"ssh-rsa":
        e, n = int.from_bytes(r.string(), "big"), int.from_bytes(r.string(), "big")
        return kind, rsa.RSAPublicNumbers(e, n).public_key()
    if kind.startswith(b"ecdsa-sha2-"):
        curve = _CURVES.get(r.string())
        if curve is None:
            raise SigFormatError("unknown curve")
        point = r.string()
        return kind, ec.EllipticCurvePublicKey.from_encoded_point(curve[0](), point)
    raise SigFormatError(f"unsupported key type {kind.decode('ascii', 'replace')}")


def check(sig: SshSig, message: bytes, namespace: str = "git") -> bool:
    """True when the signature over message verifies with its embedded key."""
    if sig.namespace != namespace or sig.hash_alg not in HASHES:
        return False
    kind, key = _load_key(sig.public_key)
    data = _signed_data(sig.namespace, sig.hash_alg, message)
    try:
        if isinstance(key, ed25519.Ed25519PublicKey) and sig.sig_type == b"ssh-ed25519":
            key.verify(sig.sig, data)
        elif isinstance(key, rsa.RSAPublicKey) and sig.sig_type in (b"rsa-sha2-256", b"rsa-sha2-512"):
            algo = hashes.SHA256() if sig.sig_type == b"rsa-sha2-256" else hashes.SHA512()
            key.verify(sig.sig, data, padding.PKCS1v15(), algo)
        elif isinstance(key, ec.EllipticCurvePublicKey) and sig.sig_type == kind:
            r = _Reader(sig.sig)
            der = encode_dss_signature(int.from_bytes(r.string(), "big"),
                                       int.from_bytes(r.string(), "big"))
            key.verify(der, data, ec.ECDSA(_CURVES[kind.split(b"-")[-1]][1]()))
        else:
            return False
    except InvalidSignature:
        return False
    return True


def armor(blob: bytes) -> bytes:
    text = base64.b64encode(blob)
    lines = [text[i:i + 70] for i in range(0, len(text), 70)]
    return BEGIN + b"\n" + b"\n".join(lines) + b"\n" + END + b"\n"


def sign(private: ed25519.Ed25519PrivateKey, message: bytes, namespace: str = "git") -> bytes:
    """An armored SSHSIG over message, byte-identical to `ssh-keygen -Y sign`."""
    raw = private.public_key().public_bytes_raw()
    key_blob = _string(b"ssh-ed25519") + _string(raw)
    sig = private.sign(_signed_data(namespace, "sha512", message))
    blob = (MAGIC + struct.pack(">I", 1) + _string(key_blob) + _string(namespace.encode())
            + _string(b"") + _string(b"sha512") + _string(_string(b"ssh-ed25519") + _string(sig)))
    return armor(blob)


def sign_commit(private: ed25519.Ed25519PrivateKey, payload: bytes) -> bytes:
    """The commit object git would write for payload signed with this key."""
    head, sep, message = payload.partition(b"\n\n")
    sig = sign(private, payload).rstrip(b"\n").replace(b"\n", b"\n ")
    return head + b"\ngpgsig " + sig + sep + message
