"""Model cards as facts: which files are cards, their sections, and the metric values they state.

A card is a model card file (``MODEL_CARD.md``, ``docs/model_card*``...), a README whose YAML
front matter carries Hugging Face model metadata (on the Hub the README is the card), or a
root README with a "Model card" or "Intended use" heading (what DOC-003 accepts). Markdown
is read with markdown-it-py (CommonMark plus tables); the front matter with prodready's
bounded YAML loader. Metric values come from ``model-index`` results, from tables whose
header or first column names a metric, and from ``name: value`` lines. Whether they agree
with the repository is the CARD rules' judgement, not this module's.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from prodready.scanners.facts import FileFact

CARD_FILES = (
    "model_card.md",
    "model-card.md",
    "modelcard.*",
    "model_card.rst",
    "docs/model_card*",
    "docs/model-card*",
    "docs/modelcard*",
)
_HF_KEYS = ("model-index", "pipeline_tag", "library_name", "base_model")
_README_CARD = re.compile(r"^(?:model[ _-]?card|intended[ \t]+uses?)\b", re.I)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_NUMBER = re.compile(r"^\s*[~≈]?\s*(-?\d+(?:\.\d+)?)\s*(%)?\s*(?:±.*)?$")
_NAME_VALUE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?:\*\*|__)?([A-Za-z][\w .@/^()-]{0,40}?)(?:\*\*|__)?\s*(?:[:=]|\bis\b|\bof\b)"
    r"\s*(?:\*\*|__)?(-?\d+(?:\.\d+)?)\s*(%)?"
)
_ARTIFACT = re.compile(
    r"[\w./-]+\.(?:pkl|pickle|joblib|onnx|pt|pth|h5|keras|bin|safetensors|ckpt|pb|json|ya?ml|csv)\b"
)
MAX_CARD_CHARS = 500_000
# A table with a progress column is a training log (one row per epoch or step), not a claim
# about the released model: the Hugging Face Trainer writes one into every card it generates.
_PROGRESS_COLUMN = re.compile(r"^(?:epochs?|steps?|global[ _]steps?|iterations?|iters?)$", re.I)
# What a section holds when nobody wrote it: the Trainer's "More information needed", template
# slots ("[Insert the model type]", "{{ model_id }}"), instructions to the author, and the
# prompts of Mitchell et al. 2019 themselves ("Primary intended uses", "Relevant factors"...).
_PLACEHOLDER = re.compile(
    r"^(?:\[?more\s+information\s+needed\]?|needs?\s+more\s+information|tbd|todo|to\s+do|"
    r"coming\s+soon|\[[^\]]*\]|\{\{.*\}\}|(?:<[^>]*>\s*)+|(?:insert|fill\s+in)\b.*|"
    r"please\s+(?:include|describe|provide|fill|add|insert|list|enter|write|complete|specify)\b.*|"
    r".*\b(?:goes|go)\s+here)$",
    re.I,
)
_MITCHELL_PROMPTS = frozenset(
    {
        "person or organization developing model", "model date", "model version", "model type",
        "paper or other resource for more information", "citation details", "license",
        "where to send questions or comments about the model", "primary intended uses",
        "primary intended users", "out-of-scope use cases", "relevant factors",
        "evaluation factors", "model performance measures", "decision thresholds",
        "variation approaches", "datasets", "motivation", "preprocessing", "unitary results",
        "intersectional results",
        "information about training algorithms, parameters, fairness constraints or other "
        "applied approaches, and features",
    }
)  # fmt: skip
_COMMENT = re.compile(r"<!--.*?-->", re.S)

# Metric names as cards and metrics files write them, to one spelling (after lower-casing and
# dropping everything but letters and digits).
_ALIASES = {
    "acc": "accuracy", "accuracy": "accuracy", "top1": "accuracy", "top1accuracy": "accuracy",
    "f1": "f1", "f1score": "f1", "fscore": "f1", "f1macro": "f1_macro", "macrof1": "f1_macro",
    "f1micro": "f1_micro", "microf1": "f1_micro", "f1weighted": "f1_weighted",
    "weightedf1": "f1_weighted", "precision": "precision", "recall": "recall",
    "auc": "roc_auc", "rocauc": "roc_auc", "aucroc": "roc_auc", "auroc": "roc_auc",
    "prauc": "pr_auc", "aucpr": "pr_auc", "averageprecision": "pr_auc", "ap": "pr_auc",
    "rmse": "rmse", "rootmeansquarederror": "rmse", "mse": "mse", "meansquarederror": "mse",
    "mae": "mae", "meanabsoluteerror": "mae", "mape": "mape", "r2": "r2", "r2score": "r2",
    "rsquared": "r2", "logloss": "log_loss", "crossentropy": "log_loss", "loss": "loss",
    "bleu": "bleu", "sacrebleu": "bleu", "rouge1": "rouge1", "rouge2": "rouge2",
    "rougel": "rougel", "wer": "wer", "cer": "cer", "perplexity": "perplexity", "ppl": "perplexity",
    "map": "map", "iou": "iou", "miou": "miou", "dice": "dice", "exactmatch": "exact_match",
    "em": "exact_match", "matthewscorrelation": "mcc", "mcc": "mcc", "gini": "gini",
}  # fmt: skip
_SPLITS = ("test", "val", "valid", "validation", "eval", "evaluation", "holdout", "dev")


def metric_name(text: str) -> str | None:
    """The one spelling of a metric name, or None when the text names no known metric.

    A split word around it is dropped: ``test_accuracy``, ``eval/f1``, ``AUC (validation)``.
    """
    words = [w for w in re.split(r"[^a-z0-9]+", text.lower()) if w]
    while words and words[0] in _SPLITS:
        words = words[1:]
    while words and words[-1] in _SPLITS:
        words = words[:-1]
    return _ALIASES.get("".join(words)) if words else None


@dataclass(frozen=True, slots=True)
class CardSection:
    title: str
    level: int
    line: int
    empty: bool = False  # nothing under it but template prompts or placeholders


@dataclass(frozen=True, slots=True)
class CardMetric:
    """A metric value the card states; ``decimals`` is the precision it was written with."""

    name: str  # the one spelling (see ``metric_name``)
    label: str  # as written
    value: float
    decimals: int
    percent: bool
    line: int
    source: str  # "model-index", "table" or "text"
    context: str = ""  # the dataset, split or row the value is for, as written


@dataclass(frozen=True, slots=True)
class ModelCard:
    path: str
    kind: str  # "file", "hub" (README with Hugging Face metadata) or "readme" (a README section)
    sections: tuple[CardSection, ...] = ()
    metrics: tuple[CardMetric, ...] = ()
    mentions: tuple[str, ...] = ()  # artifact-like paths the card names
    model_index: bool = False  # Hugging Face ``model-index`` metadata present
    evaluation_datasets: tuple[str, ...] = ()  # model-index results' datasets
    problem: str = ""  # why part of the card could not be read


def is_card_file(path: str) -> bool:
    lowered = path.lower()
    return any(fnmatch.fnmatch(lowered, pattern) for pattern in CARD_FILES)


def read_model_cards(files: dict[str, FileFact], texts: dict[str, str]) -> tuple[ModelCard, ...]:
    cards = []
    for path in sorted(files):
        text = texts.get(path)
        if text is None:
            continue
        name = PurePosixPath(path).name.lower()
        if is_card_file(path):
            cards.append(parse_card(path, text, "file"))
        elif name in ("readme.md", "readme.markdown") and _hub_metadata(text):
            cards.append(parse_card(path, text, "hub"))
        elif path.lower() in ("readme.md", "readme.markdown", "readme.rst", "readme"):
            card = parse_card(path, text, "readme")
            if any(_README_CARD.match(s.title) for s in card.sections):
                cards.append(card)
    return tuple(cards)


def _hub_metadata(text: str) -> bool:
    match = _FRONT_MATTER.match(text)
    return bool(match) and any(
        re.search(rf"^{re.escape(key)}\s*:", match.group(1), re.M) for key in _HF_KEYS
    )


def parse_card(path: str, text: str, kind: str) -> ModelCard:
    text = text[:MAX_CARD_CHARS]
    offset, body, problem = 0, text, ""
    index_metrics: list[CardMetric] = []
    datasets: list[str] = []
    has_index = False
    match = _FRONT_MATTER.match(text)
    if match:
        offset = text.count("\n", 0, match.end())
        body = text[match.end() :]
        has_index, index_metrics, datasets, problem = _model_index(match.group(1))
    sections, table_metrics, text_metrics, folders = _markdown(body, offset)
    named = {m.group(0).removeprefix("./") for m in _ARTIFACT.finditer(body)}
    mentions = tuple(sorted(named | folders))
    return ModelCard(
        path=path,
        kind=kind,
        sections=tuple(sections),
        metrics=tuple(index_metrics + table_metrics + text_metrics),
        mentions=mentions,
        model_index=has_index,
        evaluation_datasets=tuple(datasets),
        problem=problem,
    )


# front matter ------------------------------------------------------------------------------


def _model_index(front: str) -> tuple[bool, list[CardMetric], list[str], str]:
    import yaml

    from prodready.loaders import InputLimitError, compose_yaml

    try:
        root = compose_yaml(front)
    except (yaml.YAMLError, InputLimitError, RecursionError) as error:
        return False, [], [], f"the YAML front matter cannot be read: {_first_line(error)}"
    index = _get(root, "model-index")
    if index is None:
        return False, [], [], ""
    metrics: list[CardMetric] = []
    datasets: list[str] = []
    for model in _items(index):
        for result in _items(_get(model, "results")):
            dataset = _get(result, "dataset")
            label = _scalar(_get(dataset, "name")) or _scalar(_get(dataset, "type")) or ""
            if label:
                datasets.append(label)
            for metric in _items(_get(result, "metrics")):
                found = _index_metric(metric, label)
                if found is not None:
                    metrics.append(found)
    return True, metrics, datasets, ""


def _index_metric(node: Any, dataset: str) -> CardMetric | None:
    label = _scalar(_get(node, "type")) or _scalar(_get(node, "name")) or ""
    value = _get(node, "value")
    name = metric_name(label) or metric_name(_scalar(_get(node, "name")) or "")
    number = _number(_scalar(value) or "")
    if name is None or number is None or value is None:
        return None
    parsed, decimals, percent = number
    line = value.start_mark.line + 2  # the front matter starts after the opening ---
    return CardMetric(name, label, parsed, decimals, percent, line, "model-index", dataset)


def _get(node: Any, key: str) -> Any:
    import yaml

    if not isinstance(node, yaml.MappingNode):
        return None
    for key_node, value in node.value:
        if isinstance(key_node, yaml.ScalarNode) and key_node.value == key:
            return value
    return None


def _items(node: Any) -> list[Any]:
    import yaml

    return list(node.value) if isinstance(node, yaml.SequenceNode) else []


def _scalar(node: Any) -> str | None:
    import yaml

    return str(node.value) if isinstance(node, yaml.ScalarNode) else None


# markdown ----------------------------------------------------------------------------------


def _markdown(
    body: str, offset: int
) -> tuple[list[CardSection], list[CardMetric], list[CardMetric], set[str]]:
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").enable("table").parse(body)
    headings: list[tuple[str, int, int, int]] = []  # title, level, first and end line (0-based)
    table: list[CardMetric] = []
    text: list[CardMetric] = []
    folders: set[str] = set()
    row: list[str] = []
    header: list[str] = []
    in_head = log = False
    for index, token in enumerate(tokens):
        line = (token.map[0] if token.map else 0) + offset + 1
        if token.type == "heading_open":
            title = tokens[index + 1].content.strip() if index + 1 < len(tokens) else ""
            start, end = token.map or (line - offset - 1, line - offset)
            headings.append((title, int(token.tag[1:]), start, end))
        elif token.type == "thead_open":
            in_head, header = True, []
        elif token.type == "thead_close":
            in_head = False
            log = any(_PROGRESS_COLUMN.match(cell) for cell in header)
        elif token.type == "tr_open":
            row, row_line = [], line
        elif token.type == "inline" and tokens[index - 1].type in ("th_open", "td_open"):
            row.append(_plain(token.content))
        elif token.type == "tr_close":
            if in_head:
                header = row
            elif not log:
                table.extend(_row_metrics(header, row, row_line))
        elif token.type == "inline" and tokens[index - 1].type == "paragraph_open":
            for number, raw in enumerate(token.content.splitlines()):
                text.extend(_line_metrics(_plain(raw), line + number))
        if token.type == "inline":
            folders.update(_folder_mentions(token.children or []))
    return _sections(body, headings, offset), table, text, folders


def _folder_mentions(children: list[Any]) -> set[str]:
    """Folders a card names in code spans (`./model/`): where it says its model is kept."""
    found = set()
    for child in children:
        content = child.content.strip() if child.type == "code_inline" else ""
        if content.endswith("/") and "://" not in content and re.fullmatch(r"[\w./-]+", content):
            folder = content.removeprefix("./").strip("/")
            if folder and folder != ".":
                found.add(f"{folder}/")
    return found


def _sections(
    body: str, headings: list[tuple[str, int, int, int]], offset: int
) -> list[CardSection]:
    """Each heading with whether anything was written under it (its subsections included)."""
    lines = _COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body).splitlines()
    heading_lines = {n for _, _, start, end in headings for n in range(start, end)}
    sections = []
    for index, (title, level, start, end) in enumerate(headings):
        stop = next((h[2] for h in headings[index + 1 :] if h[1] <= level), len(lines))
        written = [lines[n] for n in range(end, min(stop, len(lines))) if n not in heading_lines]
        empty = all(_unwritten(raw) for raw in written)
        sections.append(CardSection(title, level, start + offset + 1, empty))
    return sections


def _unwritten(raw: str) -> bool:
    text = re.sub(r"^\s*(?:[-*+]|\d+[.)])\s+", "", _plain(raw)).strip(" \t_*:.-=|")
    if not text:
        return True
    return bool(_PLACEHOLDER.match(text)) or text.lower().rstrip(" .:") in _MITCHELL_PROMPTS


def _row_metrics(header: list[str], row: list[str], line: int) -> list[CardMetric]:
    """A metric per column (header names it) or per row (first cell names it)."""
    found = []
    named_columns = [metric_name(cell) for cell in header]
    context = row[0] if row and _number(row[0]) is None else ""
    for column, cell in enumerate(row):
        name = named_columns[column] if column < len(named_columns) else None
        number = _number(cell)
        if name and number:
            found.append(CardMetric(name, header[column], *number, line, "table", context))
    if not found and row:
        name = metric_name(row[0])
        for column, cell in enumerate(row[1:], start=1):
            number = _number(cell)
            if name and number:
                where = header[column] if column < len(header) else ""
                found.append(CardMetric(name, row[0], *number, line, "table", where))
                break
    return found


def _line_metrics(raw: str, line: int) -> list[CardMetric]:
    match = _NAME_VALUE.match(raw)
    if not match:
        return []
    name = metric_name(match.group(1))
    number = _number(match.group(2) + (match.group(3) or ""))
    if name is None or number is None:
        return []
    return [CardMetric(name, match.group(1).strip(), *number, line, "text")]


def _number(text: str) -> tuple[float, int, bool] | None:
    match = _NUMBER.match(text.replace("**", "").replace("`", ""))
    if not match:
        return None
    digits = match.group(1)
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    return float(digits), decimals, bool(match.group(2))


def _plain(text: str) -> str:
    return re.sub(r"\*\*|__|[*`]", "", text).strip()


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
