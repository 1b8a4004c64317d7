"""One person, one author: join the identities a history names.

git has already applied the repository's ``.mailmap`` (the log asks for ``%aN``/``%aE``).
What is left are the people who never wrote one: the same name committing from a work
and a home address, or the same address under two spellings of a name. Identities that
share an address, or a name once case, accents and punctuation are set aside, are one
person. Names that many unrelated people leave in their git config (``root``, ``Your
Name``) join nothing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

Identity = tuple[str, str]  # (name, e-mail) as the (mailmapped) log gives them

_PLACEHOLDER_NAMES = frozenset(
    {
        "",
        "admin",
        "administrator",
        "anonymous",
        "author",
        "default",
        "dev",
        "developer",
        "git",
        "github",
        "me",
        "name",
        "noreply",
        "root",
        "test",
        "ubuntu",
        "unknown",
        "user",
        "you",
        "your name",
    }
)
_NOT_WORD = re.compile(r"[^\w]+")


@dataclass(frozen=True, slots=True)
class People:
    """Each identity's person key, each key's display name and the identities it joined."""

    key_of: dict[Identity, str]
    names: dict[str, str]
    joined: dict[str, tuple[str, ...]]


def normal_name(name: str) -> str:
    """``José  O'Neil`` -> ``jose o neil``: how two spellings of one name compare."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_NOT_WORD.sub(" ", plain.casefold()).replace("_", " ").split())


def join_people(commits: Iterable[Identity]) -> People:
    """Group the identities of ``commits`` (one entry per commit) into people."""
    counts = Counter((name.strip(), email.strip().lower()) for name, email in commits)
    parent: dict[Identity, Identity] = {identity: identity for identity in counts}

    def find(identity: Identity) -> Identity:
        while parent[identity] != identity:
            parent[identity] = parent[parent[identity]]
            identity = parent[identity]
        return identity

    first_by: dict[str, Identity] = {}
    for identity in sorted(counts):
        name, email = identity
        for token in (f"@{email}" if email else "", _name_token(name)):
            if not token:
                continue
            other = first_by.setdefault(token, identity)
            parent[find(identity)] = find(other)
    groups: dict[Identity, list[Identity]] = {}
    for identity in counts:
        groups.setdefault(find(identity), []).append(identity)
    key_of: dict[Identity, str] = {}
    names: dict[str, str] = {}
    joined: dict[str, tuple[str, ...]] = {}
    for members in groups.values():
        emails = Counter[str]()
        spellings = Counter[str]()
        for name, email in members:
            emails[email] += counts[(name, email)]
            spellings[name] += counts[(name, email)]
        email = _most_used(emails)
        name = _most_used(spellings)
        key = email or f"name:{normal_name(name)}"
        for member in members:
            key_of[member] = key
        names[key] = f"{name} <{email}>" if email else name
        if len(members) > 1:
            joined[key] = tuple(sorted(f"{n} <{e}>" for n, e in members))
    return People(key_of=key_of, names=names, joined=joined)


def _name_token(name: str) -> str:
    normal = normal_name(name)
    return "" if normal in _PLACEHOLDER_NAMES else f"name:{normal}"


def _most_used(counter: Counter[str]) -> str:
    return min(counter, key=lambda item: (-counter[item], item)) if counter else ""
