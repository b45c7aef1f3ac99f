"""`convene schema`: the JSON Schema of each record type, generated from the Pydantic models."""
from __future__ import annotations

import argparse
import json

from pipeline.errors import UserError
from pipeline.models import RECORD_TYPES


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "schema", help="print the JSON Schema of the output records",
        description="Print the JSON Schema of each record type (generated from the Pydantic models), or of one "
                    f"type: {', '.join(RECORD_TYPES)}.")
    parser.add_argument("record_type", nargs="?", metavar="TYPE", help="one record type (default: all)")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.record_type and args.record_type not in RECORD_TYPES:
        raise UserError(f"unknown record type {args.record_type!r}; choose from {', '.join(RECORD_TYPES)}")
    names = [args.record_type] if args.record_type else list(RECORD_TYPES)
    schemas = {name: RECORD_TYPES[name].model_json_schema() for name in names}
    print(json.dumps(schemas[names[0]] if args.record_type else schemas, indent=2, sort_keys=True))
    return 0
