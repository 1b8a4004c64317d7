"""Which fields look like personal data, and which values must never be shown in a report.

Names are split into words (``customerEmail`` -> customer, email) so ``email_domain_count``
still counts while ``ship_name`` does not: a bare ``name`` is only personal next to a
person word (first, last, full, customer ...). Lists stay short on purpose: a false alarm
costs more trust than a miss.
"""

from __future__ import annotations

import re

from prodready.models.contract_view import Property

PII_WORDS = frozenset({"email", "phone", "mobile", "ssn", "address", "ip", "ipv4", "ipv6"})
PII_JOINED = frozenset(
    {"emailaddress", "phonenumber", "firstname", "lastname", "fullname", "surname", "ipaddress"}
)
PERSON_WORDS = frozenset(
    {"first", "last", "full", "given", "family", "middle", "maiden", "customer", "person"}
    | {"contact", "holder", "cardholder", "user", "patient", "employee", "client"}
)
SENSITIVE_CLASSES = (
    "restrict",
    "confidential",
    "sensitive",
    "secret",
    "pii",
    "personal",
    "private",
)
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def words(name: str) -> list[str]:
    return [word.lower() for word in _WORD.findall(name)]


def looks_personal(name: str) -> bool:
    """``customer_email``, ``phoneNumber``, ``ssn``, ``first_name``, ``ip_address``: yes."""
    parts = words(name)
    if PII_WORDS.intersection(parts) or name.lower().replace("_", "") in PII_JOINED:
        return True
    return "name" in parts and bool(PERSON_WORDS.intersection(parts))


def must_mask(prop: Property) -> bool:
    """Values shown as ``***``: classified sensitive, tagged PII, or personal-looking and not public."""
    classification = (prop.classification or "").lower()
    if prop.pii or any(word in classification for word in SENSITIVE_CLASSES):
        return True
    return looks_personal(prop.name) and classification != "public"
