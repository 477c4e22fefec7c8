"""The Import page's column-mapping step and its list of saved profiles.

A file whose layout no format knows gets a column-mapping step: the user
says which column is what (first guesses from
:func:`analytics.services.profiles.suggest_mapping`), checks the mapping against the
preview and imports; the importer then saves the mapping as a named profile
and applies it by itself to the next file with the same header. Saved
profiles are listed at the bottom of the page, each with a delete button.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import PurePath
from typing import Any

import streamlit as st

from analytics.errors import IngestError
from analytics.i18n import TABLE, t
from dashboard import common
from dashboard.i18n_ui import tr
from dashboard.import_keys import (
    DATE_ORDERS,
    IGNORE,
    MAPPING_ERRORS_KEY,
    MAPPINGS_KEY,
    NOTICE_KEY,
    PREVIEW_KEY,
)

try:
    from analytics.services.profiles import (
        ColumnMapping,
        default_unit,
        delete_profile,
        mapping_fields,
        suggest_mapping,
    )
except ImportError:  # the importer is not part of this build: the step is never reached
    pass


def signature(headers: list[str]) -> str:
    """A short, stable id of a header row (widget keys of its mapping step)."""
    return hashlib.sha256("\x1f".join(headers).encode("utf-8")).hexdigest()[:12]


def _fields() -> dict[str, dict[str, Any]]:
    """Mapping fields by name, "not imported" first (see ``mapping_fields``)."""
    fields = {f["name"]: f for f in mapping_fields()}
    return {
        IGNORE: fields.pop(
            IGNORE, {"name": IGNORE, "kind": "ignore", "label": IGNORE, "units": []}
        ),
        **fields,
    }


def _field_label(name: str, fields: dict[str, dict[str, Any]], lang: str) -> str:
    key = f"import.mapping.field.{name}"
    return t(key, lang) if key in TABLE else str(fields.get(name, {}).get("label") or name)


def _unit_label(unit: str, lang: str) -> str:
    key = f"import.mapping.unit.{unit}"
    return t(key, lang) if key in TABLE else unit


def mapping_target(previews: list) -> tuple[list[str], list[str], list[str]] | None:
    """The first unknown layout: (its header row, files with it, files of other unknown layouts)."""
    unknown = [p for p in previews if p.unknown_layout and p.headers]
    if not unknown:
        return None
    headers = list(unknown[0].headers)
    same = [p.file_name for p in unknown if list(p.headers) == headers]
    others = [p.file_name for p in unknown if list(p.headers) != headers]
    return headers, same, others


def _default_profile_name(file_name: str) -> str:
    return PurePath(file_name.replace("\\", "/")).stem or file_name


def _mapping_answers(
    sig: str, headers: list[str], default_name: str, date_order: str | None
) -> tuple[str, dict[str, str], dict[str, str], str | None, str]:
    """The mapping step's answers, read from its widgets' state (defaults where not drawn yet).

    Returns (profile name, header -> field, header -> unit, date order, dimension).
    """
    state = st.session_state
    guesses = suggest_mapping(headers)
    fields = _fields()
    name = str(state.get(f"import_map_name:{sig}", default_name)).strip()
    choices: dict[str, str] = {}
    units: dict[str, str] = {}
    for i, header in enumerate(headers):
        field = state.get(f"import_map_field:{sig}:{i}", guesses.get(header) or IGNORE)
        choices[header] = field
        spec = fields.get(field, {})
        if spec.get("units"):
            default = default_unit(header, field)
            unit = state.get(
                f"import_map_unit:{sig}:{i}:{field}",
                default if default in spec["units"] else spec["units"][0],
            )
            units[header] = unit
        elif spec.get("kind") == "money":
            currency = (
                str(
                    state.get(
                        f"import_map_unit:{sig}:{i}:{field}", default_unit(header, field) or ""
                    )
                )
                .strip()
                .upper()
            )
            if currency:
                units[header] = currency
    order = state.get(f"import_map_order:{sig}", date_order)
    dimension = str(state.get(f"import_map_dimension:{sig}", "segment")).strip() or "segment"
    return name, choices, units, order, dimension


def forget_mapping(sig: str) -> None:
    """A mapping widget changed: the checked mapping no longer holds."""
    st.session_state.setdefault(MAPPINGS_KEY, {}).pop(sig, None)
    st.session_state.setdefault(MAPPING_ERRORS_KEY, {}).pop(sig, None)


def _check_mapping(sig: str, headers: list[str], default_name: str, date_order: str | None) -> None:
    """Build the mapping from the step's answers; keep it, or keep its problems."""
    name, choices, units, order, dimension = _mapping_answers(
        sig, headers, default_name, date_order
    )
    forget_mapping(sig)
    try:
        mapping = ColumnMapping.from_choices(
            name, choices, units=units, date_order=order, dimension=dimension
        )
    except IngestError as exc:  # every problem of the mapping, one message
        st.session_state[MAPPING_ERRORS_KEY][sig] = [p for p in exc.message.split("; ") if p]
        return
    st.session_state[MAPPINGS_KEY][sig] = mapping


def checked_mapping(headers: list[str], date_order: str | None) -> Any:
    """The mapping the user checked for this header row (None: not yet), with the page's date order.

    A date order picked under "Options" fills in a mapping that has none, so
    the saved profile reads the next file's dates the same way.
    """
    mapping = st.session_state.get(MAPPINGS_KEY, {}).get(signature(headers))
    if mapping is not None and mapping.date_order is None and date_order is not None:
        mapping = dataclasses.replace(mapping, date_order=date_order)
    return mapping


def mapping_step(
    headers: list[str],
    names: list[str],
    previews: list,
    date_order: str | None,
    profiles: list,
    lang: str,
) -> None:
    """Column pickers for an unknown layout, its checks, and the button that checks it."""
    sig = signature(headers)
    default_name = _default_profile_name(names[0])
    guesses = suggest_mapping(headers)
    fields = _fields()
    options = list(fields)
    forget = {"on_change": forget_mapping, "args": (sig,)}
    st.subheader(common.md_escape(tr("import.mapping.title", name=names[0])))
    st.caption(tr("import.mapping.caption"))
    if len(names) > 1:
        st.caption(
            common.md_escape(
                tr("import.mapping.also_for", names=tr("app.list_sep").join(names[1:]))
            )
        )
    with st.container(border=True):
        name = st.text_input(
            tr("import.mapping.profile_name"),
            value=default_name,
            key=f"import_map_name:{sig}",
            help=tr("import.mapping.profile_name_help"),
            **forget,
        ).strip()
        if name and name in {p.name for p in profiles}:
            st.caption(common.md_escape(tr("import.mapping.name_taken", name=name)))
        for i, header in enumerate(headers):
            left, right = st.columns([3, 2])
            guess = guesses.get(header) or IGNORE
            field = left.selectbox(
                common.md_escape(header) or f"#{i + 1}",
                options,
                index=options.index(guess) if guess in options else 0,
                format_func=lambda f, fields=fields: _field_label(f, fields, lang),
                key=f"import_map_field:{sig}:{i}",
                **forget,
            )
            spec = fields.get(field, {})
            unit_key = f"import_map_unit:{sig}:{i}:{field}"
            if spec.get("units"):
                units = list(spec["units"])
                default = default_unit(header, field)
                right.selectbox(
                    tr("import.mapping.unit"),
                    units,
                    index=units.index(default) if default in units else 0,
                    format_func=lambda u: _unit_label(u, lang),
                    key=unit_key,
                    **forget,
                )
            elif spec.get("kind") == "money":
                right.text_input(
                    tr("import.mapping.currency"),
                    value=default_unit(header, field) or "",
                    key=unit_key,
                    **forget,
                )
        orders = list(DATE_ORDERS)
        st.selectbox(
            tr("import.mapping.date_order"),
            orders,
            index=orders.index(date_order) if date_order in orders else 0,
            format_func=lambda o: t(DATE_ORDERS[o], lang),
            key=f"import_map_order:{sig}",
            **forget,
        )
        if "key" in {
            st.session_state.get(f"import_map_field:{sig}:{i}") for i in range(len(headers))
        }:
            st.text_input(
                tr("import.mapping.dimension"),
                value="segment",
                key=f"import_map_dimension:{sig}",
                **forget,
            )
        st.button(
            tr("import.mapping.apply"),
            key="import_map_apply",
            on_click=_check_mapping,
            args=(sig, headers, default_name, date_order),
        )
    for problem in st.session_state.get(MAPPING_ERRORS_KEY, {}).get(sig, []):
        st.error(common.md_escape(problem))
    mapping = checked_mapping(headers, date_order)
    if mapping is None:
        return
    st.success(common.md_escape(tr("import.mapping.applied", name=mapping.name)))
    for pv in previews:
        if pv.file_name in names and pv.ambiguous_date_column:
            st.warning(
                common.md_escape(tr("import.mapping.ambiguous", column=pv.ambiguous_date_column))
            )


def _delete_profile(path: str, name: str) -> None:
    delete_profile(path, name)
    st.session_state.pop(PREVIEW_KEY, None)  # previews read with that profile are stale
    st.session_state[NOTICE_KEY] = name


def saved_profiles(profiles: list, path: str, lang: str) -> None:
    """Saved column mappings, each with a delete button."""
    st.subheader(tr("import.mapping.profiles"))
    deleted = st.session_state.pop(NOTICE_KEY, None)
    if deleted is not None:
        st.info(common.md_escape(tr("import.mapping.deleted", name=deleted)))
    if not profiles:
        st.caption(tr("import.mapping.no_profiles"))
        return
    fields = _fields()
    for profile in profiles:
        with st.container(border=True):
            left, right = st.columns([5, 1])
            left.markdown(f"**{common.md_escape(profile.name)}**")
            mapped = [
                f"{h} → {_field_label(f, fields, lang)}"
                for h, f in profile.mapping.columns.items()
                if f != IGNORE
            ]
            left.caption(
                common.md_escape(
                    tr("import.mapping.profile_columns", columns=tr("app.list_sep").join(mapped))
                )
            )
            right.button(
                tr("import.mapping.delete"),
                key=f"import_profile_delete:{profile.name}",
                on_click=_delete_profile,
                args=(path, profile.name),
            )
