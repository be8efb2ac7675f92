"""Write macros/pet_generator/catalog/records.py: a TypedDict per catalog record, read from the JSON Schemas.

The schemas stay the one description of the model; this file gives the code (and mypy) the
same shapes. `scripts/gen-types --check` (run by the tests) fails when the two drift apart.
"""

from __future__ import annotations

import argparse
import json
import keyword
import sys
from typing import Any

from generated_file import ROOT, write_or_check

SCHEMAS = ROOT / "catalog" / "schema"
OUT = ROOT / "macros" / "pet_generator" / "catalog" / "records.py"
PYTHON_TYPES = {str: "str", int: "int", float: "float", bool: "bool", type(None): "None"}
SCALARS = {"string": "str", "integer": "int", "number": "float", "boolean": "bool", "null": "None"}


def class_name(*words: str) -> str:
    return "".join(part.capitalize() for word in words for part in word.replace("-", "_").split("_"))


def singular(collection: str) -> str:
    """resources -> resource, competencies -> competency: a class names one record."""
    if collection.endswith("ies"):
        return collection[:-3] + "y"
    return collection[:-1] if collection.endswith("s") and not collection.endswith("ss") else f"{collection}_entry"


class Writer:
    def __init__(self) -> None:
        self.schemas = {p.name: json.loads(p.read_text("utf-8")) for p in sorted(SCHEMAS.glob("*.schema.json"))}
        self.classes: dict[str, str] = {}  # name -> source, in the order written

    def resolve(self, schema: dict[str, Any], doc: str) -> tuple[dict[str, Any], str]:
        while "$ref" in schema:
            target, _, pointer = schema["$ref"].partition("#")
            doc = target or doc
            node: Any = self.schemas[doc]
            for part in filter(None, pointer.split("/")):
                node = node[part]
            schema = node
        return schema, doc

    def type_of(self, schema: dict[str, Any], doc: str, name: str) -> str:
        if "$ref" in schema:  # a shared definition gets one class, named after it
            name = schema["$ref"].rpartition("/")[2]
        schema, doc = self.resolve(schema, doc)
        if "oneOf" in schema or "anyOf" in schema:
            choices = schema.get("oneOf") or schema["anyOf"]
            objects = sum(1 for s in choices if self.resolve(s, doc)[0].get("type") == "object")
            # A single object among plain values (a heading with items, say) is the "group" form.
            options = [self.type_of(s, doc, f"{name}_group" if objects == 1 else f"{name}_{i}") for i, s in enumerate(choices)]
            return " | ".join(dict.fromkeys(options))
        if "enum" in schema or "const" in schema:
            values = schema.get("enum") or [schema["const"]]
            return " | ".join(dict.fromkeys(PYTHON_TYPES[type(v)] for v in values))
        kinds = schema.get("type")
        kinds = kinds if isinstance(kinds, list) else [kinds] if kinds else []
        out = []
        for kind in kinds:
            if kind == "array":
                out.append(f"list[{self.type_of(schema.get('items', {}), doc, singular(name))}]")
            elif kind == "object":
                out.append(self.record(schema, doc, name) if "properties" in schema else "dict[str, Any]")
            else:
                out.append(SCALARS.get(kind, "Any"))
        return " | ".join(out) or "Any"

    def record(self, schema: dict[str, Any], doc: str, name: str) -> str:
        cls = class_name(name)
        if cls in self.classes:
            return cls
        self.classes[cls] = ""  # reserve the name (and the order) before the fields
        required = set(schema.get("required", []))
        lines = [f"class {cls}(TypedDict):"]
        for field, sub in schema["properties"].items():
            if not field.isidentifier() or keyword.iskeyword(field):
                raise SystemExit(f"{doc}: field {field!r} is not a Python name; records.py cannot describe it")
            shown = self.type_of(sub, doc, f"{name}_{field}")
            lines.append(f"    {field}: {shown if field in required else f'NotRequired[{shown}]'}")
        self.classes[cls] = "\n".join(lines)
        return cls

    def source(self) -> str:
        top = []
        for doc, schema in self.schemas.items():
            if doc == "common.schema.json":
                continue
            collection = doc.removesuffix(".schema.json")
            item = schema.get("items") if schema.get("type") == "array" else None
            if item is not None:
                self.record(self.resolve(item, doc)[0], doc, singular(collection))
                top.append(collection)
            elif "properties" in schema:
                self.record(schema, doc, collection)
        body = "\n\n\n".join(self.classes.values())
        return (
            '"""The catalog\'s records as typed shapes, generated from catalog/schema/*.schema.json.\n\n'
            "Do not edit: run scripts/gen-types after changing a schema (the tests check this file).\n"
            '"""\n\n'
            "from __future__ import annotations\n\n"
            f"from typing import {'Any, ' if 'Any' in body else ''}NotRequired, TypedDict\n\n\n" + body + "\n"
        )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="scripts/gen-types", description="Regenerate macros/pet_generator/catalog/records.py from the schemas.")
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date, without writing")
    args = parser.parse_args(argv)
    return write_or_check(OUT, Writer().source(), args.check, "scripts/gen-types")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
