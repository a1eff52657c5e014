"""Plain, JSON-ready views of the catalogue, the profiles, assessments, roadmaps and reports,
each in one language and each a TypedDict: the contract between the domain and the renderers.

Every renderer starts from these views, so that the JSON, CSV, Markdown, HTML and Word outputs
cannot disagree about a figure or a label.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from typing import TypedDict as TypedDict
else:
    class TypedDict(dict):
        """What a view module declares its TypedDicts with: typing.TypedDict for the type
        checker; at run time a plain base, since a view is never checked against its class
        there, and typing's own builds every class anew at each start (it compiles each
        field's annotation: some 2.5 ms for the views of an `assess`). Calling one gives a
        plain dict, as typing.TypedDict does."""

        def __init_subclass__(cls, *, total: bool = True, **kwargs: Any) -> None:
            super().__init_subclass__(**kwargs)

        def __new__(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[misc]
            return dict(*args, **kwargs)
