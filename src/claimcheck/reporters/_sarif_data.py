"""sarif-om objects as SARIF JSON data: the spec's camelCase names, defaults left out.

sarif-om's classes (attrs, generated from the SARIF 2.1.0 schema) name each attribute's JSON
property in its ``schema_property_name`` metadata. A property is left out when it is None or
equals its schema default, which the spec gives the absent property anyway, except ``level``:
an absent result level means the rule's configured level (SARIF 2.1.0 §3.27.10), not the
schema's ``"warning"``, so a level is always written.
"""

from __future__ import annotations

from typing import Any

import attrs

ALWAYS_WRITTEN = frozenset({"level"})


def sarif_data(value: object) -> Any:
    """``value`` (a sarif-om object, or a dict, list or scalar inside one) as JSON data."""
    if attrs.has(type(value)):
        return _object(value)
    if isinstance(value, dict):
        return {str(k): sarif_data(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [sarif_data(v) for v in value]
    return value


def _object(value: Any) -> dict[str, Any]:
    """One sarif-om object's properties, each under its schema name."""
    out: dict[str, Any] = {}
    for field in attrs.fields(type(value)):
        item = getattr(value, field.name)
        name: str = field.metadata["schema_property_name"]
        if item is None or (name not in ALWAYS_WRITTEN and item == _default(field)):
            continue
        out[name] = sarif_data(item)
    return out


def _default(field: attrs.Attribute[Any]) -> object:
    """A field's default value (a factory called), or a marker equal to nothing."""
    default: Any = field.default
    if isinstance(default, attrs.Factory):  # type: ignore[arg-type]  # Factory is a class
        return default.factory()
    return _NO_DEFAULT if default is attrs.NOTHING else default


_NO_DEFAULT = object()
