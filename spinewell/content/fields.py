"""The building blocks of every content model: the base model and the field types the files share."""

from __future__ import annotations

import re
from typing import Annotated, ClassVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, Strict, model_validator
from pydantic_core import PydanticCustomError


def _colour(value: str) -> str:
    if not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValueError(f"must be a colour written as #RRGGBB, such as #0072B2; found {value!r}")
    return value.upper()


Text = Annotated[str, Field(min_length=1)]
Texts = Annotated[tuple[Text, ...], Field(min_length=1)]
Whole = Annotated[int, Strict()]  # strict: YAML's true/false, 2.5 or "10" are not whole numbers
Number = Annotated[float, Strict()]  # strict: true/false and "20" are not numbers (whole numbers are)
Flag = Annotated[bool, Strict()]  # strict: "yes" or 1 is not true/false
Colour = Annotated[str, AfterValidator(_colour)]


def broken(field: str, problem: str) -> PydanticCustomError:
    """A rule broken inside one object, pinned on `field` (a path below the object) so the message names it."""
    return PydanticCustomError("content_rule", "{problem}", {"field": field, "problem": problem})


class Model(BaseModel):
    """Part of a content file: frozen, unknown keys refused, and a key with no value the same as a key left out."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, coerce_numbers_to_str=True,
                              allow_inf_nan=False)  # YAML's .nan and .inf are not doses
    noun: ClassVar[str] = ""  # what an error message calls this part ("an exercise"); default from the class name
    derived: ClassVar[tuple[str, ...]] = ()  # fields the loader works out; a file may not set them

    @model_validator(mode="before")
    @classmethod
    def _drop_empty_keys(cls, data: object) -> object:
        if not isinstance(data, dict):
            return data
        for key in cls.derived:
            if key in data:
                raise PydanticCustomError("derived_field", "worked out by the app", {"field": key})
        return {key: value for key, value in data.items() if value is not None}
