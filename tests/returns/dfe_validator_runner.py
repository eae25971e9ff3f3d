"""Run the DfE's SSDA903 rules, as the public validator csc-validator-be-903 implements them, on
903 CSV files, and print who fails which rule as JSON.

    .venv-903/bin/python tests/returns/dfe_validator_runner.py YYYY DIR [YYYY DIR ...]

YYYY is the collection year by the year it ends in (2025 is April 2024 to March 2025, the
validator's lac2024_25); DIR holds the year's CSV files, recognised by their columns as the
DfE's portal does. For each pair it prints one object of a JSON list:

- "failing": {CHILD: [rule codes]} for every rule that found an error in any table;
- "header_oc3_rules": the codes of the year's rules that read the Header and OC3 tables only
  (the tables each rule declares);
- "episodes_rules": the codes of the year's rules that read the episodes table;
- "crashed": {code: error} for rules that raised instead of answering.

It runs in its own virtual environment, since the validator pins pandas below 2, and so imports
nothing from the service.
"""

import contextlib
import json
import logging
import sys
from pathlib import Path

from lac_validator.lac_validator import LacValidator
from lac_validator.rules.ruleset_utils import get_year_ruleset

HEADER_OC3 = {"Header", "OC3"}


def validate(year: str, folder: Path) -> dict:
    registry = get_year_ruleset(year)
    files = [{"name": path.name, "description": "This year", "file_content": path.read_bytes()}
             for path in sorted(folder.glob("*.csv"))]
    crashed = {}

    class Crashes(logging.Handler):
        def emit(self, record):
            if record.exc_info and record.getMessage().startswith("Rule code "):
                crashed[record.getMessage().split()[2]] = repr(record.exc_info[1])

    logger = logging.getLogger("lac_validator.lac_validator")
    handler = Crashes(level=logging.ERROR)
    logger.addHandler(handler)
    # Some of the validator's rules print what they find; only the JSON goes to stdout.
    try:
        with contextlib.redirect_stdout(sys.stderr):
            result = LacValidator(
                metadata={"collectionYear": year, "localAuthority": "E09000027"},
                files=files, registry=registry,
            )
    finally:
        logger.removeHandler(handler)

    failing: dict[str, set[str]] = {}
    for table, rows in result.ds_results.items():
        if table == "metadata":
            continue
        for column in (c for c in rows.columns if c.startswith("ERR_")):
            for child in rows.loc[rows[column] == True, "CHILD"]:  # noqa: E712 (NaN is not True)
                failing.setdefault(str(child), set()).add(column.removeprefix("ERR_"))
    return {
        "failing": {child: sorted(codes) for child, codes in sorted(failing.items())},
        "header_oc3_rules": sorted(
            code for code, rule in registry.items()
            if isinstance(rule.tables, list) and rule.tables and set(rule.tables) <= HEADER_OC3
        ),
        "episodes_rules": sorted(
            code for code, rule in registry.items()
            if isinstance(rule.tables, list) and "Episodes" in rule.tables
        ),
        "crashed": crashed,
    }


def main(args: list[str]) -> None:
    if not args or len(args) % 2:
        sys.exit(__doc__)
    logging.getLogger().setLevel(logging.ERROR)  # not a line for each rule run
    pairs = zip(args[::2], args[1::2], strict=True)
    results = [validate(year, Path(folder)) for year, folder in pairs]
    sys.stdout.write(json.dumps(results) + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
