"""Keep Typer from importing Pydantic for every command line.

Recent Typer releases turn each command-line value into its Python type through a Pydantic
`TypeAdapter`, built for every parameter of the command on every run, given or not. Importing
Pydantic and building those adapters costs about 0.1 s, more than all of npmcheck's own work
for a typical command. The parameters npmcheck declares are simple (text, paths, choices, one
bounded number, lists of those), so a valid value is converted here with Typer's own helpers;
anything else (a value that would be rejected, a type not listed here) goes to Typer's
Pydantic-based code, which then produces its usual result or error message. Older Typer
releases, which use Click's types and never import Pydantic, are left alone.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any, get_args, get_origin

_DECIMAL = re.compile(r"(0|[1-9][0-9]{0,14})(\.[0-9]{1,15})?")  # plain decimals only
_UNHANDLED = object()


def install() -> bool:
    """Route the simple parameters of this Typer version through the fast path; True if done.

    NPMCHECK_TYPER_FAST=0 leaves Typer as it is (to compare the two).
    """
    if os.environ.get("NPMCHECK_TYPER_FAST", "1") == "0":
        return False
    try:
        from typer import _coercion, _param_types, core
    except ImportError:
        return False
    param_class: Any = getattr(core, "_TyperParameter", None)
    runtime_base: Any = getattr(_coercion, "RuntimeParam", None)
    build: Any = getattr(_coercion, "build_runtime_param", None)
    coerce_path: Any = getattr(_param_types, "coerce_cli_path", None)
    coerce_choice: Any = getattr(_param_types, "coerce_cli_choice", None)
    if None in (param_class, runtime_base, build, coerce_path, coerce_choice) \
            or getattr(param_class, "_npmcheck_fast", False) \
            or not hasattr(param_class, "get_runtime_param"):
        return False

    @dataclass(frozen=True)
    class FastRuntimeParam(runtime_base):  # type: ignore[misc]
        """Converts valid simple values itself; everything else goes to Typer's own coercion."""

        descriptor: Any

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            origin: Any = get_origin(self.annotation)
            if origin is list:
                if not isinstance(value, list | tuple):
                    return self._slow(value, param, ctx)
                leaf = get_args(self.annotation)[0]
                items = [self._leaf(leaf, item, param, ctx) for item in value]
                if any(item is _UNHANDLED for item in items):
                    return self._slow(value, param, ctx)
                return items
            result = self._leaf(self.annotation, value, param, ctx)
            return self._slow(value, param, ctx) if result is _UNHANDLED else result

        def _leaf(self, annotation: Any, value: Any, param: Any, ctx: Any) -> Any:
            info = self.parameter_info
            if isinstance(annotation, type) and issubclass(annotation, Enum):
                try:
                    return coerce_choice(value, choices=list(annotation),
                                         case_sensitive=info.case_sensitive, ctx=ctx)
                except ValueError:
                    return _UNHANDLED
            if annotation is str:
                return value if isinstance(value, str) else _UNHANDLED
            if annotation is float:
                if not isinstance(value, str) or not _DECIMAL.fullmatch(value):
                    return _UNHANDLED
                number = float(value)
                if (info.min is not None and number < info.min) \
                        or (info.max is not None and number > info.max):
                    return _UNHANDLED
                return number
            if annotation is Path and info.path_type is None and not info.resolve_path:
                if isinstance(value, str) and value and value != "-" and "\0" not in value:
                    value = Path(value)
                if not isinstance(value, Path):
                    return _UNHANDLED
                try:
                    return coerce_path(value, info, path_type=Path, param=param, ctx=ctx)
                except Exception:
                    return _UNHANDLED
            return _UNHANDLED

        def _slow(self, value: Any, param: Any, ctx: Any) -> Any:
            return build(self.descriptor).coerce(value, param=param, ctx=ctx)

    def get_runtime_param(self: Any) -> Any:
        if self._runtime_param is None:
            desc = self.type_descriptor
            info = desc.parameter_info
            simple = desc.file_annotation is None and info.parser is None \
                and getattr(info, "click_type", None) is None and not info.clamp
            self._runtime_param = FastRuntimeParam(
                parameter_info=info, annotation=desc.annotation, descriptor=desc
            ) if simple else build(desc)
        return self._runtime_param

    param_class.get_runtime_param = get_runtime_param
    param_class._npmcheck_fast = True
    return True

