"""Rule lines and the rules made of them: which program, which level of support, follow-ups and answer flags."""

from __future__ import annotations

from typing import Annotated, ClassVar

from pydantic import Field, model_validator

from spinewell.content.fields import Flag, Model, Number, Text, Texts, broken

RULE_TESTS = ("is", "includes", "excludes", "at_least", "at_most")


class Clause(Model):
    """One rule line: a test on one answer or one score (pain_now at_least 7; conditions includes [pregnancy];
    conditions excludes [pregnancy]: none of the listed answers is ticked)."""

    noun: ClassVar[str] = "a rule line"
    question: Text | None = None
    score: Text | None = None
    is_: Texts | None = Field(None, alias="is")
    includes: Texts | None = None
    excludes: Texts | None = None
    at_least: Number | None = None
    at_most: Number | None = None

    @model_validator(mode="after")
    def _one_subject_one_test(self) -> Clause:
        if (self.question is None) == (self.score is None):
            raise broken("", "a rule line names exactly one question or one score")
        tests = [test for test in RULE_TESTS if self._given(test)]
        if len(tests) != 1:
            found = ", ".join(tests) or "none"
            raise broken("", f"a rule line needs exactly one of {', '.join(RULE_TESTS)}; found {found}")
        return self

    def _given(self, test: str) -> bool:
        return getattr(self, "is_" if test == "is" else test) is not None

    @property
    def subject(self) -> str:
        """'question' or 'score'."""
        return "question" if self.question is not None else "score"

    @property
    def id(self) -> str:
        return self.question if self.question is not None else self.score

    @property
    def test(self) -> str:
        return next(test for test in RULE_TESTS if self._given(test))

    @property
    def values(self) -> tuple[str, ...]:
        """The answers named by is / includes / excludes (empty for at_least / at_most)."""
        return self.is_ or self.includes or self.excludes or ()

    @property
    def threshold(self) -> float | None:
        """The number of at_least / at_most (None for is / includes)."""
        return self.at_least if self.at_least is not None else self.at_most


Clauses = Annotated[tuple[Clause, ...], Field(min_length=1)]


class Rule(Model):
    """when_any: [lines] (one line is enough), when_all: [lines] (every line), or otherwise: true (the fallback)."""

    when_any: Clauses | None = None
    when_all: Clauses | None = None
    otherwise: Flag | None = None

    @model_validator(mode="after")
    def _exactly_one_kind(self) -> Rule:
        kinds = [kind for kind in ("when_any", "when_all", "otherwise") if getattr(self, kind) is not None]
        if len(kinds) != 1:
            raise broken("", "needs exactly one of when_any, when_all or otherwise: true")
        if self.otherwise is False:
            raise broken("otherwise", "must be true (it marks the rule used when no other applies)")
        return self

    @property
    def match(self) -> str:
        """'any', 'all' or 'otherwise'."""
        return "otherwise" if self.otherwise else "any" if self.when_any is not None else "all"

    @property
    def clauses(self) -> tuple[Clause, ...]:
        return self.when_any or self.when_all or ()

    @property
    def rule(self) -> Rule:
        """The rule part of an entry that also says what it chooses (a program, a support level)."""
        return self


class _Chooses(Rule):
    because: str = ""  # for the fallback rule: why nothing more specific applied

    @model_validator(mode="after")
    def _fallback_says_why(self) -> _Chooses:
        if self.otherwise and not self._explained():
            raise broken("because", "is required but missing (the fallback rule says why nothing else applied)")
        return self

    def _explained(self) -> bool:
        return bool(self.because)


class ProgramChoice(_Chooses):
    noun: ClassVar[str] = "a selection rule"
    program: Text


class SupportLevel(_Chooses):
    noun: ClassVar[str] = "a support level"
    id: Text
    title: Text
    advice: Text
    said: tuple[Text, ...] = ()  # for the fallback: the questions whose answers say why, instead of `because`

    @model_validator(mode="after")
    def _said_only_by_the_fallback(self) -> SupportLevel:
        if self.said and not self.otherwise:
            raise broken("said", "only the fallback (otherwise: true) lists the answers that say why")
        return self

    def _explained(self) -> bool:
        return bool(self.because or self.said)


class SupportNote(Rule):
    """A line always added to the support advice when its rule matches (low mood: the GP and a helpline)."""

    noun: ClassVar[str] = "a support note"
    note: Text

    @model_validator(mode="after")
    def _rule_lines(self) -> SupportNote:
        if self.match == "otherwise":
            raise broken("otherwise", "a support note needs when_any or when_all, not otherwise")
        return self
