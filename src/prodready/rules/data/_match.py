"""Does a data contract declare what the code reads? By server path/URL, else by dataset name.

A path matches a local server's path (or lies under it, or fits its glob); a URL matches a
server location it starts with; otherwise the file's stem or folder, a SQL table or a hub
dataset name must equal a contract's dataset, table or physical name (case and
punctuation ignored: ``Card-Transactions`` = ``card_transactions``).
"""

from __future__ import annotations

import fnmatch
import re
from pathlib import PurePosixPath

from prodready.models.contract_view import Contract
from prodready.rules.data._reads import DataRead


def norm(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")


def declaring_contract(read: DataRead, contracts: list[Contract]) -> Contract | None:
    target = read.target or ""
    for contract in contracts:
        if _by_location(read, target, contract) or _by_name(read, target, contract):
            return contract
    return None


def _by_location(read: DataRead, target: str, contract: Contract) -> bool:
    clean = target.removeprefix("./").rstrip("/")
    for server in contract.servers:
        for place in (server.path, server.location):
            if not place:
                continue
            place = place.removeprefix("./").rstrip("/")
            if (
                clean == place
                or clean.startswith(place + "/")
                or fnmatch.fnmatch(clean, place.replace("{model}", "*"))
            ):
                return True
    return False


def _by_name(read: DataRead, target: str, contract: Contract) -> bool:
    names = {norm(name) for name in contract.dataset_names()}
    names.update(norm(name) for server in contract.servers for name in server.names)
    names.discard("")
    if read.kind in ("table", "dataset"):
        return norm(target.rsplit(".", 1)[-1]) in names or norm(target) in names
    pure = PurePosixPath(target.split("://", 1)[-1].split("?")[0])
    candidates = {norm(pure.name.split(".")[0]), norm(pure.parent.name)}
    return bool(candidates & names)
