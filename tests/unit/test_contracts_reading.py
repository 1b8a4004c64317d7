"""Reading data contracts: discovery, ODCS schema validation (with the #322 guard), DCS model.

The upstream files in ../shared/contracts are read when that folder exists (CI); the
inline contracts here cover the same ground so the suite means something without it.
"""

from __future__ import annotations

import json
import shutil
import time
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from prodready.contracts.dcs import load_dcs
from prodready.contracts.odcs import load_odcs
from prodready.contracts.odcs_schema import guard_logical_type_conditionals, validate_odcs
from prodready.models.contract_facts import ContractFacts
from prodready.scanners import ScanOptions, collect
from prodready.scanners.configs import load_yaml_text
from tests.conftest import SHARED

CONTRACTS = SHARED / "contracts"
needs_shared = pytest.mark.skipif(
    not CONTRACTS.is_dir(),
    reason="../shared/contracts (upstream ODCS and DCS examples) is not checked out beside the repo",
)

MINIMAL = """\
apiVersion: v3.2.0
kind: DataContract
id: orders
version: 1.0.0
status: active
schema:
  - name: orders
    properties:
      - name: order_id
        physicalType: varchar
"""

# upstream negative tests (bitol-io/open-data-contract-standard src/script/negative-tests)
NEGATIVE_FIELDS = {
    "additional-unknown-property": "unknownRootField",
    "enum-duplicate-values": "schema[0].properties[0].enum",
    "enum-missing-value": "schema[0].properties[0].enum[0].value",
    "invalid-api-version": "apiVersion",
    "invalid-quality-dimension": "schema[0].properties[0].quality[0].dimension",
    "invalid-quality-metric": "schema[0].properties[0].quality[0].metric",
    "map-missing-block": "schema[0].properties[0].map",
    "map-missing-key": "schema[0].properties[0].map.key",
    "missing-required-fields": "id",
    "quality-custom-missing-implementation": "schema[0].properties[0].quality[0].implementation",
    "quality-library-missing-metric": "schema[0].properties[0].quality[0].metric",
    "quality-multiple-operators": "schema[0].properties[0].quality[0]",
    "quality-sql-missing-query": "schema[0].properties[0].quality[0].query",
    "relationship-property-level-with-from": "schema[0].properties[0].relationships[0].from",
    "schema-property-invalid-logicaltype": "schema[0].properties[0].logicalType",
    "schema-property-missing-name": "schema[0].properties[0].name",
    "server-missing-conditional-fields": "servers[0].schema",
    "server-missing-required-fields": "servers[0].server",
    "synonym-missing-term": "schema[0].properties[0].synonyms[0].synonym",
}


def _fields(text: str) -> set[str | None]:
    return {problem.field for problem in validate_odcs(load_yaml_text(text))}


# the #322 workaround -------------------------------------------------------------


def test_upstream_schema_wrongly_requires_map_without_logical_type_and_the_guard_fixes_it() -> None:
    bundled = json.loads(files("open_data_contract_standard").joinpath("schema.json").read_text())
    document = load_yaml_text(MINIMAL)
    raw = jsonschema.validators.validator_for(bundled)(bundled)
    assert any("'map' is a required property" in e.message for e in raw.iter_errors(document))
    guarded = guard_logical_type_conditionals(bundled)
    assert not list(jsonschema.validators.validator_for(guarded)(guarded).iter_errors(document))
    assert validate_odcs(document) == []


def test_the_guard_still_rejects_a_map_property_without_its_map_block() -> None:
    text = MINIMAL.replace("physicalType: varchar", "logicalType: map")
    assert _fields(text) == {"schema[0].properties[0].map"}


# ODCS validation on the project's own contracts --------------------------------------


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (("id: orders\n", ""), "id"),
        (
            ("        physicalType: varchar", "        logicalType: money"),
            "schema[0].properties[0].logicalType",
        ),
        (("status: active\n", "status: active\nowner: me\n"), "owner"),
        (
            ("      - name: order_id\n", "      - physicalType: varchar\n"),
            "schema[0].properties[0].name",
        ),
        (("apiVersion: v3.2.0", "apiVersion: v9.9.9"), "apiVersion"),
    ],
)
def test_invalid_odcs_names_the_wrong_field(change: tuple[str, str], field: str) -> None:
    assert field in _fields(MINIMAL.replace(*change))


def test_more_than_one_operator_is_one_problem_at_the_rule() -> None:
    text = (
        MINIMAL
        + "        quality:\n          - metric: nullValues\n            mustBe: 0\n            mustNotBe: 5\n"
    )
    problems = validate_odcs(load_yaml_text(text))
    assert [(p.field, p.message) for p in problems] == [
        (
            "schema[0].properties[0].quality[0]",
            "more than one operator (mustBe, mustNotBe); use one",
        )
    ]


def test_v3_0_rule_spelling_is_accepted_for_v3_0_files_only() -> None:
    quality = "    quality:\n      - type: library\n        rule: rowCount\n        mustBeGreaterThan: 0\n"
    v30 = MINIMAL.replace("v3.2.0", "v3.0.2").replace(
        "    properties:\n", quality + "    properties:\n"
    )
    assert validate_odcs(load_yaml_text(v30)) == []
    assert "schema[0].quality[0].metric" in _fields(v30.replace("v3.0.2", "v3.2.0"))


def test_deeply_nested_properties_validate_quickly() -> None:
    """Validating the whole tree at once grew exponentially with nesting depth (minutes)."""
    leaf: dict[str, object] = {"name": "leaf", "logicalType": "string"}
    node = leaf
    for depth in range(12):
        node = {"name": f"level{depth}", "logicalType": "object", "properties": [node]}
    document = load_yaml_text(MINIMAL)
    document["schema"][0]["properties"] = [node]
    started = time.perf_counter()
    assert validate_odcs(document) == []
    assert time.perf_counter() - started < 5
    leaf["bogus"] = 1
    deepest = "schema[0].properties[0]" + ".properties[0]" * 12 + ".bogus"
    assert {problem.field for problem in validate_odcs(document)} == {deepest}


def test_the_package_model_loads_the_view() -> None:
    contract, problems = load_odcs("c.odcs.yaml", load_yaml_text(MINIMAL))
    assert problems == [] and contract is not None
    (obj,) = contract.objects
    assert obj.name == "orders" and obj.properties[0].physical_type == "varchar"
    assert obj.properties[0].typed and contract.status == "active"


# Data Contract Specification ----------------------------------------------------------

DCS = """\
dataContractSpecification: 1.2.1
id: orders
info:
  title: Orders
  version: 1.0
  owner: data-platform
models:
  orders:
    fields:
      order_id: {type: string, primaryKey: true}
      email: {type: string, pii: true}
      customer_id: {type: string, references: customers.id}
servicelevels:
  retention: {period: P1Y, timestampField: orders.created_at}
"""


def test_dcs_model_reads_its_own_fields() -> None:
    contract, problems = load_dcs("datacontract.yaml", load_yaml_text(DCS))
    assert problems == [] and contract is not None
    assert contract.version == "1.2.1" and contract.owner == "data-platform"
    fields = {prop.name: prop for prop in contract.objects[0].properties}
    assert fields["order_id"].primary_key and fields["email"].pii
    assert contract.objects[0].foreign_keys[0].table == "customers"
    assert contract.sla[0].property == "retention" and contract.sla[0].value == "P1Y"


def test_dcs_problems_name_the_field() -> None:
    broken = DCS.replace("  title: Orders\n", "").replace(
        "{type: string, primaryKey: true}", "{type: [a]}"
    )
    _, problems = load_dcs("datacontract.yaml", load_yaml_text(broken))
    assert {"info.title", "models.orders.fields.order_id.type"} <= {p.field for p in problems}
    _, unknown = load_dcs("x", load_yaml_text(DCS.replace("1.2.1", "7.0.0")))
    assert unknown[0].field == "dataContractSpecification"


# discovery and bad input ----------------------------------------------------------------


def _facts(root: Path) -> ContractFacts:
    return collect(root, ScanOptions(use_cache=False)).contracts


def test_discovery_by_name_content_and_checklist(tmp_path: Path) -> None:
    (tmp_path / "a.odcs.yaml").write_text(MINIMAL)
    (tmp_path / "contract.yaml").write_text(MINIMAL)
    (tmp_path / "dcs.yaml").write_text(DCS)
    (tmp_path / "specs").mkdir()
    (tmp_path / "specs" / "plain.yml").write_text("hello: world\n")
    (tmp_path / "params.yaml").write_text("seed: 1\n")
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "bad.odcs.yaml").write_text("apiVersion: v3.2.0\n")
    (tmp_path / "prodready.yaml").write_text(
        "data:\n  contracts: [specs/plain.yml, ../outside.odcs.yaml, missing.odcs.yaml]\n"
    )
    found = {item.path: item for item in _facts(tmp_path).files}
    assert set(found) == {
        "a.odcs.yaml",
        "contract.yaml",
        "dcs.yaml",
        "specs/plain.yml",
        "../outside.odcs.yaml",
        "missing.odcs.yaml",
    }
    assert found["dcs.yaml"].format == "dcs" and found["a.odcs.yaml"].valid
    assert "not a data contract" in found["specs/plain.yml"].problems[0].message
    assert "outside the repository" in found["../outside.odcs.yaml"].problems[0].message
    assert "not found" in found["missing.odcs.yaml"].problems[0].message


def test_bad_contract_files_are_findings_not_crashes(tmp_path: Path) -> None:
    (tmp_path / "yaml.odcs.yaml").write_text("schema: [unclosed\n")
    (tmp_path / "list.odcs.yaml").write_text("- a\n- b\n")
    (tmp_path / "v2.odcs.yaml").write_text("apiVersion: v2.2.2\nkind: DataContract\ndataset: []\n")
    (tmp_path / "empty.odcs.yaml").write_text("")
    found = {item.path: item for item in _facts(tmp_path).files}
    assert found["yaml.odcs.yaml"].problems[0].line == 2
    assert "single document" in found["list.odcs.yaml"].problems[0].message
    assert found["v2.odcs.yaml"].valid is None and "v2.2.2" in (
        found["v2.odcs.yaml"].unsupported or ""
    )
    assert found["empty.odcs.yaml"].problems


# the upstream files in ../shared/contracts ------------------------------------------------


@pytest.fixture(scope="module")
def shared_facts(tmp_path_factory: pytest.TempPathFactory) -> ContractFacts:
    target = tmp_path_factory.mktemp("shared") / "contracts"
    shutil.copytree(CONTRACTS, target)
    return _facts(target)


@needs_shared
def test_every_shared_contract_is_read_without_a_crash(shared_facts: ContractFacts) -> None:
    yaml_files = {
        path.relative_to(CONTRACTS).as_posix()
        for path in CONTRACTS.rglob("*")
        if path.suffix in (".yaml", ".yml")
    }
    assert {item.path for item in shared_facts.files} == yaml_files


@needs_shared
def test_valid_upstream_odcs_examples_have_no_problem(shared_facts: ContractFacts) -> None:
    bitol = [
        item
        for item in shared_facts.files
        if item.path.count("/") == 1 and item.path.startswith("odcs/")
    ]
    assert bitol, "no bitol examples found"
    for item in bitol:
        assert item.problems == (), (item.path, item.problems)
        assert item.contract is not None, item.path


@needs_shared
def test_every_upstream_dcs_file_parses_without_problem(shared_facts: ContractFacts) -> None:
    dcs = [item for item in shared_facts.files if item.path.startswith("dcs/")]
    assert dcs
    for item in dcs:
        assert item.format == "dcs" and item.problems == () and item.contract is not None, item.path


@needs_shared
def test_upstream_negative_tests_are_rejected_at_the_wrong_field(
    shared_facts: ContractFacts,
) -> None:
    negatives = [item for item in shared_facts.files if "/negative-tests/" in item.path]
    assert negatives
    for item in negatives:
        fields = {problem.field for problem in item.problems}
        assert fields and None not in fields, item.path
        name = Path(item.path).name.removesuffix(".odcs.yaml")
        if name in NEGATIVE_FIELDS:
            assert NEGATIVE_FIELDS[name] in fields, (item.path, fields)
        for problem in item.problems:
            assert problem.line is not None, (item.path, problem)


@needs_shared
def test_datacontract_cli_lint_fixtures_that_upstream_calls_invalid_are_rejected(
    shared_facts: ContractFacts,
) -> None:
    invalid = [item for item in shared_facts.files if "lint__invalid" in item.path]
    valid = [
        item
        for item in shared_facts.files
        if "lint__valid" in item.path and item.path.startswith("odcs/")
    ]
    assert all(item.problems for item in invalid)
    assert all(not item.problems for item in valid), [(i.path, i.problems) for i in valid]
