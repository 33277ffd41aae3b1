"""The JSON Schema of the everything-file (bundle.schema.json), generated from its models; run this module to write it.

python -m spinewell.storage.bundle_schema rewrites the file after a change to the models or to the profile's kinds
(spinewell.storage.profile.KINDS): a test checks that the file and the models agree.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from spinewell.storage.bundle import Bundle

SCHEMA_FILE = Path(__file__).with_name("bundle.schema.json")


def schema() -> dict[str, Any]:
    """The schema as the models declare it, with the draft it follows and a line saying what the file is."""
    body = Bundle.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "description": "Everything Spinewell holds about a person: the profile and the diary's rows, "
                           "as made by Download everything.", **body}


def schema_text() -> str:
    return json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_FILE}")
