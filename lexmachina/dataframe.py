"""Turn API results into a pandas DataFrame, one row per result.

    from lexmachina.dataframe import to_dataframe

    frame = to_dataframe(results.values)        # e.g. DistrictCaseData models
    frame.groupby("court")["dates_terminated"].max()

How columns are named and filled:

- Each result is a model or a dict. Models give their fields, extra fields
  the server sent included; dicts (such as the JSON that
  ``paging.paginate_json`` yields) give their keys.
- Names are snake_case whatever the input: ``caseNo`` and ``case_no`` both
  become ``case_no``.
- Nested objects are flattened, their names joined with ``sep`` (``"_"``):
  ``dates.filed`` becomes ``dates_filed`` and ``resolution.summary``
  becomes ``resolution_summary``. A column appears as soon as one row has
  it; the other rows hold ``None`` (``NaN`` for numbers) there.
- Lists stay lists in one cell (``case_type`` is ``["Patent"]``; ``judges``
  a list of dicts with snake_case keys). With ``lists="join"``, lists of
  plain values become one string joined with ``list_sep`` (``"; "``), such
  as ``"Patent; Trademark"``; lists of objects stay lists.
- Enum members become their string value. Columns whose values are all
  dates or datetimes become ``datetime64`` columns; strings are left as
  they are, so dates in plain JSON dicts stay strings.

pandas is an optional dependency: ``pip install 'lexmachina[pandas]'``.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import TYPE_CHECKING, Any, Literal

from pydantic import BaseModel

from .exceptions import ApiTypeError, ApiValueError

if TYPE_CHECKING:
    import pandas

ListMode = Literal["keep", "join"]

_CAMEL_HUMP = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")


def to_dataframe(
    items: Iterable[BaseModel | Mapping[str, Any]],
    *,
    sep: str = "_",
    lists: ListMode = "keep",
    list_sep: str = "; ",
) -> pandas.DataFrame:
    """Return a DataFrame with one row per item and flattened, snake_case columns.

    See the module's documentation for how columns are named and filled.
    Raises :class:`ImportError` naming the ``lexmachina[pandas]`` extra if
    pandas is not installed, and
    :class:`~lexmachina.exceptions.ApiTypeError` for an item that is
    neither a model nor a dict.
    """
    pd = _import_pandas()
    rows = [flatten(item, sep=sep, lists=lists, list_sep=list_sep) for item in items]
    frame: pandas.DataFrame = (
        pd.DataFrame.from_records(rows) if rows else pd.DataFrame()
    )
    frame = frame.drop(columns=_stand_ins(frame, sep))
    for column in frame.columns:
        if _holds_dates(frame[column]):
            frame[column] = pd.to_datetime(frame[column])
    return frame


def flatten(
    item: BaseModel | Mapping[str, Any],
    *,
    sep: str = "_",
    lists: ListMode = "keep",
    list_sep: str = "; ",
) -> dict[str, Any]:
    """One item as a flat dict with the column names of :func:`to_dataframe`."""
    if lists not in ("keep", "join"):
        raise ApiValueError(f"lists takes 'keep' or 'join', not {lists!r}")
    flat: dict[str, Any] = {}
    _flatten_into(flat, "", _as_mapping(item), sep, lists == "join", list_sep)
    return flat


def snake_case(name: str) -> str:
    """``districtCaseId`` as ``district_case_id``; snake_case names stay as they are."""
    return _CAMEL_HUMP.sub("_", name).lower()


def _import_pandas() -> Any:
    try:
        import pandas
    except ImportError as err:
        raise ImportError(
            "to_dataframe needs pandas: pip install 'lexmachina[pandas]'"
        ) from err
    return pandas


def _as_mapping(item: Any) -> Mapping[str, Any]:
    if isinstance(item, BaseModel):
        # Python names, not the wire aliases; extra fields keep the key sent.
        return item.model_dump(mode="python", by_alias=False)
    if isinstance(item, Mapping):
        return item
    raise ApiTypeError(f"to_dataframe takes models or dicts, not {type(item).__name__}")


def _flatten_into(
    flat: dict[str, Any],
    prefix: str,
    mapping: Mapping[str, Any],
    sep: str,
    join: bool,
    list_sep: str,
) -> None:
    for key, value in mapping.items():
        name = prefix + snake_case(str(key))
        if isinstance(value, Mapping):
            _flatten_into(flat, name + sep, value, sep, join, list_sep)
        elif isinstance(value, list):
            flat[name] = _list_cell(value, join, list_sep)
        else:
            flat[name] = _plain(value)


def _list_cell(values: list[Any], join: bool, list_sep: str) -> Any:
    items = [_plain(value) for value in values]
    has_objects = any(isinstance(item, (dict, list)) for item in items)
    if join and not has_objects:
        return list_sep.join(str(item) for item in items)
    return items


def _plain(value: Any) -> Any:
    """A cell value: enums as their value, nested keys in snake_case."""
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, BaseModel):
        value = _as_mapping(value)
    if isinstance(value, Mapping):
        return {snake_case(str(k)): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


def _stand_ins(frame: pandas.DataFrame, sep: str) -> list[str]:
    """Columns that only say "no object here" for an object other rows flatten.

    A row whose ``resolution`` is null gives a ``resolution`` column, while
    rows with a resolution give ``resolution_summary`` and the like.
    """
    names = [str(name) for name in frame.columns]
    return [
        name
        for name in names
        if frame[name].isna().all()
        and any(other.startswith(name + sep) for other in names)
    ]


def _holds_dates(column: pandas.Series) -> bool:
    values = column.dropna()
    if values.empty or column.dtype != object:
        return False
    return all(isinstance(value, datetime.date) for value in values)
