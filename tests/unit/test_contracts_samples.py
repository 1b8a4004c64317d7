"""Testing sample data against contracts: checks, metrics, masking, size limits, the example."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest

from prodready.contracts.runner import run_sample_tests
from prodready.contracts.sla import duration
from prodready.models import ContractDataTest, ContractSample, Status
from prodready.models.contract_facts import ContractFacts, ContractFile, ContractSamples
from prodready.scanners import ScanOptions, collect
from tests.conftest import EXAMPLES, SHARED

CONTRACT = """\
apiVersion: v3.1.0
kind: DataContract
id: orders
version: 1.0.0
status: active
servers:
  - server: local
    type: local
    path: data/orders.csv
    format: csv
schema:
  - name: orders
    properties:
      - name: order_id
        logicalType: string
        primaryKey: true
      - name: email
        logicalType: string
        classification: restricted
        logicalTypeOptions:
          maxLength: 12
      - name: amount
        logicalType: number
        logicalTypeOptions: {minimum: 0}
{quality}
"""
HEADER = "order_id,email,amount\n"


def _repo(tmp_path: Path, rows: str, quality: str = "", contract: str = CONTRACT) -> Path:
    (tmp_path / "data").mkdir(exist_ok=True)
    (tmp_path / "orders.odcs.yaml").write_text(contract.replace("{quality}", quality))
    (tmp_path / "data" / "orders.csv").write_text(HEADER + rows)
    return tmp_path


def _samples(root: Path, limit: int = 5_000_000) -> ContractSamples:
    """Collect the facts, then run the sample tests the way run_audit does: after collect."""
    facts = collect(root, ScanOptions(use_cache=False, max_text_bytes=limit)).contracts
    assert isinstance(facts, ContractFacts)
    return run_sample_tests(root, facts, limit)


def _sample(root: Path, limit: int = 5_000_000) -> ContractSample:
    (samples,) = (found for found in _samples(root, limit).values() if found)
    return samples[0]


def _failing(sample: ContractSample) -> dict[tuple[str, str], ContractDataTest]:
    return {
        (test.check, test.target): test
        for test in sample.tests
        if test.status == Status.FAIL and not test.indicative
    }


def test_restricted_values_are_masked_in_examples(tmp_path: Path) -> None:
    sample = _sample(_repo(tmp_path, "o-1,a-very-long-address@example.com,1\no-2,b@x.io,-1\n"))
    failing = _failing(sample)
    length = failing[("length", "orders.email")]
    assert length.examples == ["row 1: email=***"] and length.failed == 1
    assert "example.com" not in str(sample.model_dump())
    assert failing[("range", "orders.amount")].examples == ["row 2: amount='-1'"]


def test_at_most_five_examples_with_the_full_count(tmp_path: Path) -> None:
    rows = "".join(f"o-{i},a@x.io,-{i}\n" for i in range(1, 9))
    test = _failing(_sample(_repo(tmp_path, rows)))[("range", "orders.amount")]
    assert test.failed == 8 and test.rows == 8 and len(test.examples) == 5
    assert test.examples[0] == "row 1: amount='-1'"


@pytest.mark.parametrize(
    ("operator", "threshold", "passes"),
    [
        ("mustBe", 1, True),
        ("mustBe", 0, False),
        ("mustNotBe", 1, False),
        ("mustBeGreaterThan", 0, True),
        ("mustBeGreaterOrEqualTo", 2, False),
        ("mustBeLessThan", 1, False),
        ("mustBeLessOrEqualTo", 1, True),
        ("mustBeBetween", [0, 1], True),
        ("mustNotBeBetween", [0, 1], False),
    ],
)
def test_library_metric_operators(
    tmp_path: Path, operator: str, threshold: object, passes: bool
) -> None:
    quality = (
        f"        quality:\n          - metric: nullValues\n            {operator}: {threshold}\n"
    )
    contract = CONTRACT.replace("        logicalTypeOptions: {minimum: 0}\n{quality}", "{quality}")
    sample = _sample(_repo(tmp_path, "o-1,a@x.io,\no-2,b@x.io,2\n", quality, contract))
    (test,) = (t for t in sample.tests if t.check == "quality:nullValues")
    assert test.status == (Status.PASS if passes else Status.FAIL), test.message
    assert test.failed == 1


@pytest.mark.parametrize(
    ("rule", "status", "failed"),
    [
        (
            "metric: missingValues\n            arguments: {missingValues: ['', 'n/a']}\n            mustBe: 0",
            Status.FAIL,
            2,
        ),
        (
            "metric: invalidValues\n            arguments: {validValues: ['1', '2']}\n            mustBe: 0",
            Status.FAIL,
            1,
        ),
        (
            "metric: invalidValues\n            arguments: {pattern: '^[0-9]+$'}\n            mustBe: 0",
            Status.FAIL,
            1,
        ),
        (
            "metric: duplicateValues\n            mustBeLessThan: 50\n            unit: percent",
            Status.PASS,
            1,
        ),
        ("metric: invalidValues\n            mustBe: 0", Status.UNKNOWN, None),
        (
            "type: sql\n            query: SELECT COUNT(*) FROM orders\n            mustBe: 0",
            Status.UNKNOWN,
            None,
        ),
        (
            "type: custom\n            engine: soda\n            implementation: 'x > 0'",
            Status.UNKNOWN,
            None,
        ),
    ],
)
def test_column_metrics_and_rules_that_need_an_engine(
    tmp_path: Path, rule: str, status: Status, failed: int | None
) -> None:
    quality = f"        quality:\n          - {rule}\n"
    contract = CONTRACT.replace("        logicalTypeOptions: {minimum: 0}\n{quality}", "{quality}")
    sample = _sample(
        _repo(
            tmp_path, "o-1,a@x.io,1\no-2,b@x.io,n/a\no-3,c@x.io,\no-4,d@x.io,1\n", quality, contract
        )
    )
    (test,) = (t for t in sample.tests if t.check.startswith("quality:"))
    assert test.status == status, test.message
    assert test.failed == failed
    if status == Status.UNKNOWN:
        assert test.message


def test_row_count_on_an_object(tmp_path: Path) -> None:
    quality = "    quality:\n      - metric: rowCount\n        mustBeGreaterThan: 2\n"
    contract = CONTRACT.replace("    properties:\n", quality + "    properties:\n", 1).replace(
        "{quality}", ""
    )
    sample = _sample(_repo(tmp_path, "o-1,a@x.io,1\n", "", contract))
    (test,) = (t for t in sample.tests if t.check == "quality:rowCount")
    assert test.status == Status.FAIL and test.message == "rowCount = 1, must be > 2"


def test_files_above_the_limit_are_sampled_and_say_so(tmp_path: Path) -> None:
    rows = "".join(f"o-{i},a@x.io,{i}\n" for i in range(20_000))
    sample = _sample(_repo(tmp_path, rows), limit=100_000)
    assert sample.sampled and sample.sampled.startswith("first ")
    assert 100 <= sample.rows < 20_000
    assert all(t.status == Status.PASS for t in sample.tests), _failing(sample)


def test_symlinked_sample_outside_the_repo_is_refused(tmp_path: Path) -> None:
    outside = tmp_path / "outside.csv"
    outside.write_text(HEADER + "o-1,a@x.io,1\n")
    repo = tmp_path / "repo"
    repo.mkdir()
    (repo / "orders.odcs.yaml").write_text(CONTRACT.replace("{quality}", ""))
    (repo / "data").mkdir()
    (repo / "data" / "orders.csv").symlink_to(outside)
    sample = _sample(repo)
    assert sample.error == "outside the repository, refused" and not sample.tests


def test_freshness_and_retention_are_indicative() -> None:
    assert duration(1, "d") == dt.timedelta(days=1)
    assert duration("25h", None) == dt.timedelta(hours=25)
    assert duration("P1Y", None) == dt.timedelta(days=365)
    assert duration(3, "m") is None  # minutes or months: ambiguous, not guessed


# the prepared example: passes as shipped, fails exactly as corrupted ------------------------


def _example(tmp_path: Path) -> Path:
    target = tmp_path / "fraud-detection"
    shutil.copytree(
        EXAMPLES / "fraud-detection", target, ignore=shutil.ignore_patterns(".prodready")
    )
    return target


def _example_file(root: Path) -> ContractFile:
    facts = collect(root, ScanOptions(use_cache=False)).contracts
    (item,) = facts.files
    return item


def test_the_example_contract_and_sample_pass(tmp_path: Path) -> None:
    root = _example(tmp_path)
    item = _example_file(root)
    assert item.valid and item.version == "v3.0.2"
    (sample,) = _samples(root)[item.path]
    assert sample.path == "data/samples/transactions.csv" and sample.rows == 30 and not sample.error
    assert not _failing(sample)
    assert {t.check for t in sample.tests if t.indicative} == {"freshness", "retention"}
    assert not [t for t in sample.tests if t.status == Status.UNKNOWN]


def test_corrupted_example_sample_fails_exactly_where_it_was_corrupted(tmp_path: Path) -> None:
    root = _example(tmp_path)
    path = root / "data" / "samples" / "transactions.csv"
    header, *rows = path.read_text().splitlines()
    columns = header.split(",")

    def set_cell(row: int, column: str, value: str) -> None:
        cells = rows[row - 1].split(",")
        cells[columns.index(column)] = value
        rows[row - 1] = ",".join(cells)

    first_id = rows[0].split(",")[0]
    set_cell(3, "currency", "")  # null in a required column
    set_cell(5, "transaction_id", first_id)  # duplicate key
    set_cell(7, "is_fraud", "2")  # out of range (0..1)
    set_cell(9, "amount", "twelve")  # wrong type
    path.write_text("\n".join([header, *rows]) + "\n")

    (sample,) = _samples(root)[_example_file(root).path]
    failing = _failing(sample)
    assert set(failing) == {
        ("required", "transactions.currency"),
        ("primary key", "transactions"),
        ("unique", "transactions.transaction_id"),
        ("quality:duplicateValues", "transactions.transaction_id"),
        ("range", "transactions.is_fraud"),
        ("type", "transactions.amount"),
    }
    assert failing[("required", "transactions.currency")].examples == ["row 3: currency=null"]
    assert failing[("primary key", "transactions")].examples == [
        f"row 5: transaction_id='{first_id}'"
    ]
    assert failing[("range", "transactions.is_fraud")].examples == ["row 7: is_fraud='2'"]
    assert failing[("type", "transactions.amount")].examples == ["row 9: amount='twelve'"]
    assert all(test.failed == 1 for test in failing.values())


@pytest.mark.skipif(
    not (SHARED / "contracts" / "dcs").is_dir(),
    reason="../shared/contracts (upstream ODCS and DCS examples) is not checked out beside the repo",
)
def test_the_upstream_dcs_contract_with_sample_data_passes(tmp_path: Path) -> None:
    source = SHARED / "contracts" / "dcs"
    shutil.copy(source / "muellimperium__datacontract.yaml", tmp_path / "datacontract.yaml")
    shutil.copy(source / "muellimperium__data.csv", tmp_path / "data.csv")
    sample = _sample(tmp_path)
    assert sample.rows == 10 and "no header row" in sample.source
    assert not _failing(sample) and sample.tests


def test_braces_in_a_pattern_are_not_format_placeholders(tmp_path: Path) -> None:
    contract = CONTRACT.replace("          maxLength: 12\n", "          pattern: '^[a-z]{1,3}@'\n")
    sample = _sample(_repo(tmp_path, "o-1,abcd@x.io,1\no-2,ab@x.io,1\n", "", contract))
    test = _failing(sample)[("pattern", "orders.email")]
    assert test.message == "1 of 2 rows do not match '^[a-z]{1,3}@'"


def test_globbed_files_are_read_together_and_folders_are_named(tmp_path: Path) -> None:
    contract = CONTRACT.replace("path: data/orders.csv", "path: data/parts/*.csv")
    root = _repo(tmp_path, "", "", contract)
    (root / "data" / "parts").mkdir()
    (root / "data" / "parts" / "a.csv").write_text(HEADER + "o-1,a@x.io,1\n")
    (root / "data" / "parts" / "b.csv").write_text(HEADER + "o-1,b@x.io,2\n")
    sample = _sample(root)
    assert sample.rows == 2 and set(_failing(sample)) == {("primary key", "orders")}
    folder = CONTRACT.replace("path: data/orders.csv", "path: data/parts")
    (root / "orders.odcs.yaml").write_text(folder.replace("{quality}", ""))
    assert "a folder, not a file" in (_sample(root).error or "")
