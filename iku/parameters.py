"""What an IKU's parameters (iku.csv `parameter`) say beyond the formula itself: which names a
formula kind knows, which of them are conditions, those conditions written as the register's
declaration spells its enum values, and the parameters in words for the IKU page."""

from __future__ import annotations

from iku import syarat
from iku.formulas import CONDITION, Formula


def known_parameters(formula: Formula) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*formula.parameters, *formula.optional, *formula.roles)))


def conditions(formula: Formula, params: dict[str, str]) -> dict[str, syarat.Condition]:
    """The parameters of this formula that are conditions, parsed (ConditionError if one is not)."""
    return {name: syarat.parse(params[name]) for name, role in formula.roles.items() if role == CONDITION and params.get(name)}


def parameters_in_words(formula: Formula, params: dict[str, str]) -> list[str]:
    """How the IKU page lists the parameters: each condition in words ("status = sembuh atau pindah")."""
    found = conditions(formula, params)
    return [f"{name}: {found[name].text()}" if name in found else f"{name}={value}" for name, value in params.items()]


def declared_parameters(formula: Formula, params: dict[str, str], fields: dict) -> dict[str, str]:
    """The parameters with each condition's enum values written as the register stores them
    ('k4:Ya' is 'k4:ya' when the column's enum is ya, tidak): what the formula compares with."""
    written = dict(params)
    for name, condition in conditions(formula, params).items():
        written[name] = syarat.declared(condition, fields)[0].written()
    return written
