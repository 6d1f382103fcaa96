"""The deal's people: one person across calls and corrections, and the questions that update them.

A person on two plans is the same person when both have the same email, or share a name
(ignoring case and spacing), counting the names a debrief corrected (`aliases`: "Warehouse
manager (name tbc)" became "Tom Ellis"). The latest known picture of each person is every plan's
attendees walked in call order, a later non-empty value winning.

A correction is an *update*: the person it is about (by `email`, else `was`, the name the plan
has now, else `name`) and the fields to set. Updates are applied to the plan as it is when it
is saved, so they change only what the seller changed and leave what another process changed
meanwhile; a person no attendee matches joins the plan. The debrief asks for them through the
prompt seam; a `--from` file gives them as `[[attendees]]` tables.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from callprep import clock, messages
from callprep.errors import CallprepError
from callprep.plans.model import INFLUENCES, Attendee, Plan
from callprep.plans.planfile import validate
from callprep.prompts import Asker, Prompt
from callprep.text import one_line, valid_email

# What a person is, as the plan file says it; `aliases` is kept apart (it only grows).
FIELDS = ("name", "role", "side", "email", "influence", "stance")
WAS = "was"


def _norm(text: object) -> str:
    return " ".join(str(text or "").split()).casefold()


def _data(person: Attendee | Mapping[str, Any]) -> dict[str, Any]:
    if isinstance(person, Attendee):
        return person.model_dump()
    return dict(person)


def names(person: Attendee | Mapping[str, Any]) -> set[str]:
    data = _data(person)
    found = {_norm(data.get("name")), *(_norm(alias) for alias in data.get("aliases") or [])}
    return found - {""}


def same(a: Attendee | Mapping[str, Any], b: Attendee | Mapping[str, Any]) -> bool:
    """The same person: the same email, or a name in common (aliases included)."""
    first, second = _data(a), _data(b)
    email = _norm(first.get("email"))
    if email and email == _norm(second.get("email")):
        return True
    return bool(names(first) & names(second))


# --- the latest picture -----------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    """A person of the deal as last known, and the day of the last call they attended."""

    attendee: Attendee
    last_seen: dt.date | None


def held_on(plan: Plan, now: dt.datetime | None = None) -> dt.date | None:
    """The day the call took place: debriefed, or its start has passed; None while ahead."""
    if plan.debrief is not None and plan.debrief.held_at is not None:
        return plan.debrief.held_at.date()
    start = plan.starts_at
    if start is None or (plan.cancelled and not plan.debriefed):
        return None  # a cancelled call was attended by nobody
    if plan.debriefed:
        return start.date()
    current = now or clock.now()
    aware = start if start.tzinfo is not None else start.astimezone()
    return start.date() if aware <= current else None


def merged(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """`after` over `before`, field by field: an empty value knows nothing new."""
    result = dict(before)
    for key in FIELDS:
        if after.get(key):
            result[key] = after[key]
    aliases = [*(before.get("aliases") or []), *(after.get("aliases") or [])]
    if _norm(before.get("name")) != _norm(result.get("name")):
        aliases.append(before.get("name", ""))
    result["aliases"] = _unique(aliases, besides=result.get("name", ""))
    return result


def _unique(values: Iterable[str], besides: str = "") -> list[str]:
    seen = {_norm(besides)}
    kept: list[str] = []
    for value in values:
        if value and _norm(value) not in seen:
            seen.add(_norm(value))
            kept.append(value)
    return kept


def picture(plans: Iterable[Plan], now: dt.datetime | None = None) -> list[Person]:
    """Everyone on these calls (oldest first) as last known, in order of first appearance."""
    people: list[dict[str, Any]] = []
    seen: list[dt.date | None] = []
    for plan in plans:
        held = held_on(plan, now)
        for attendee in plan.attendees:
            if not attendee.name:
                continue
            data = attendee.model_dump()
            at = next((n for n, p in enumerate(people) if same(p, data)), None)
            if at is None:
                people.append(merged({}, data))
                seen.append(held)
                continue
            people[at] = merged(people[at], data)
            previous = seen[at]
            if held is not None and (previous is None or held > previous):
                seen[at] = held
    return [Person(Attendee.model_validate(p), when) for p, when in zip(people, seen, strict=True)]


def as_last_known(attendee: Attendee, known: Sequence[Person]) -> Attendee:
    """The attendee with what the deal knows of them filled in (a later call's stance, say)."""
    match = next((p.attendee for p in known if same(p.attendee, attendee)), None)
    if match is None:
        return attendee
    return Attendee.model_validate(merged(attendee.model_dump(), match.model_dump()))


def missing_influences(people: Iterable[Attendee]) -> list[str]:
    """The buying influences nobody on the customer's side is known to hold."""
    held = {p.influence for p in people if p.side == "customer"}
    return [influence for influence in INFLUENCES if influence not in held]


# --- updates --------------------------------------------------------------------------------


def changes(base: Sequence[Attendee], edited: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The updates that turn `base` into `edited` (the same people first, in order, then new ones)."""
    found: list[dict[str, Any]] = []
    for before, after in zip(base, edited, strict=False):
        now = Attendee.model_validate({k: v for k, v in after.items() if k in FIELDS}).model_dump()
        was = before.model_dump()
        diff = {key: now[key] for key in FIELDS if now[key] != was[key]}
        if not diff:
            continue
        update: dict[str, Any] = {"name": was["name"]}
        if "name" in diff:
            update[WAS] = was["name"]
        update.update(diff)
        found.append(update)
    for added in edited[len(base) :]:
        if added.get("name"):
            found.append({key: added[key] for key in FIELDS if added.get(key)})
    return found


def _find(people: Sequence[Mapping[str, Any]], update: Mapping[str, Any]) -> int | None:
    email = _norm(update.get("email"))
    if email:
        for n, person in enumerate(people):
            if _norm(person.get("email")) == email:
                return n
    for name in (update.get(WAS), update.get("name")):
        if name:
            for n, person in enumerate(people):
                if _norm(name) in names(person):
                    return n
    return None


def apply(attendees: Sequence[Attendee], updates: Iterable[Mapping[str, Any]]) -> list[Attendee]:
    """The attendees with each update applied: only the fields it names; new people added."""
    people = [a.model_dump() for a in attendees]
    for update in updates:
        values = {key: update[key] for key in FIELDS if key in update}
        at = _find(people, update)
        if at is None:
            if values.get("name"):
                people.append(values)
            continue
        person = dict(people[at])
        if _norm(values.get("name")) == _norm(person.get("name")):
            values.pop("name", None)  # the same name: the plan's spelling stays
        elif values.get("name"):
            person["aliases"] = _unique(
                [*(person.get("aliases") or []), person.get("name", "")], besides=values["name"]
            )
        person.update(values)
        people[at] = person
    return [Attendee.model_validate(p) for p in people]


def stance_changes(
    attendees: Sequence[Attendee], updates: Iterable[Mapping[str, Any]]
) -> list[dict[str, str]]:
    """The stances these updates change on these attendees: [{"name", "was", "now"}].

    Recorded with the debrief, because once applied the plan no longer says what it was.
    """
    people = [a.model_dump() for a in attendees]
    found: list[dict[str, str]] = []
    for update in updates:
        now = str(update.get("stance") or "")
        if now in ("", "unknown"):
            continue
        at = _find(people, update)
        was = str(people[at].get("stance") or "") if at is not None else ""
        if was != now:
            name = str(update.get("name") or (people[at].get("name") if at is not None else ""))
            found.append({"name": name, "was": "" if was == "unknown" else was, "now": now})
    return found


def updates_from(entries: object, source: str) -> list[dict[str, Any]]:
    """A `--from` file's `[[attendees]]` as updates, checked as attendees (errors name the entry)."""
    if entries is None:
        return []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        raise CallprepError(f"{source}: attendees: {messages.PEOPLE_FROM_NOT_TABLES}")

    validate(
        Plan,
        {"attendees": [{k: v for k, v in e.items() if k != WAS} for e in entries]},
        source,
    )
    found: list[dict[str, Any]] = []
    for n, entry in enumerate(entries, 1):
        if not str(entry.get("name") or "").strip():
            raise CallprepError(f"{source}: attendees {n}: {messages.PEOPLE_FROM_NO_NAME}")
        found.append(
            {k: v.strip() if isinstance(v, str) else v for k, v in entry.items() if k != "aliases"}
        )
    return found


# --- asking ----------------------------------------------------------------------------------


def email_problem(text: str) -> str | None:
    """Why a typed email is not one (blank is fine: not known)."""
    text = text.strip()
    if text and not valid_email(text):
        return messages.PERSON_BAD_EMAIL.format(value=text)
    return None


def describe(person: Mapping[str, Any], with_email: bool = False) -> str:
    """One line for the seller: “Dana Lee, VP Operations · theirs · user · supporter” (and the
    email after the side, `with_email`)."""
    parts = [one_line(person.get("name", ""))]
    if person.get("role"):
        parts[0] += f", {one_line(person['role'])}"
    parts.append(messages.PERSON_SIDES.get(person.get("side") or "customer", ""))
    if with_email and person.get("email"):
        parts.append(one_line(person["email"]))
    if person.get("influence"):
        parts.append(person["influence"])
    if person.get("stance") and person["stance"] != "unknown":
        parts.append(person["stance"])
    return " · ".join(part for part in parts if part)


def _choice(answer: Any, choices: Mapping[str, str]) -> str:
    """The key of a picked label; a script may give the key itself."""
    text = str(answer or "").strip()
    for key, label in choices.items():
        if text in (label, key):
            return key
    return ""


def _text(answer: Any) -> str:
    return str(answer if answer is not None else "").strip()


def ask_attendees(asker: Asker, prompt: Prompt) -> list[dict[str, Any]]:
    """The interview's attendees question. With people known already (`edit --section people`,
    a meeting's invitees), one at a time: change one, add one, remove one, or keep them all,
    each field of each person kept unless the seller changes it. With nobody yet, each new
    person's name, role, side and email, and on their side influence and stance (Enter skips
    each: don't know); an empty name ends it."""
    people: list[dict[str, Any]] = [dict(p) for p in (prompt.default or [])]
    if people:
        return edit_people(asker, prompt, people)
    asker.say(messages.ATTENDEES_ADD.format(question=prompt.message))
    while True:
        label = messages.ATTENDEE_NAME if not people else messages.ATTENDEE_NEXT_NAME
        name = _text(
            asker.ask(
                Prompt(key=f"{prompt.key}.name", kind="text", message=label, help=prompt.help)
            )
        )
        if not name:
            return people
        people.append(_new_attendee(asker, prompt.key, name))


def _new_attendee(asker: Asker, key: str, name: str) -> dict[str, Any]:
    shown = one_line(name)
    role = _text(
        asker.ask(
            Prompt(
                key=f"{key}.role",
                kind="text",
                message=messages.PERSON_ROLE.format(name=shown),
                help=messages.ATTENDEE_ROLE_HELP,
            )
        )
    )
    side = _choice(
        asker.ask(
            Prompt(
                key=f"{key}.side",
                kind="select",
                message=messages.PERSON_SIDE.format(name=shown),
                choices=tuple(messages.PERSON_SIDE_CHOICES.values()),
                default=messages.PERSON_SIDE_CHOICES["customer"],
            )
        ),
        messages.PERSON_SIDE_CHOICES,
    )
    person: dict[str, Any] = {"name": name, "role": role, "side": side}
    person.update(_attendee_details(asker, key, shown, side))
    return person


def edit_people(asker: Asker, prompt: Prompt, people: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The people one at a time: the list, then change one, add one, remove one or keep them.

    A changed person keeps every field the seller did not touch (email, influence, stance, an
    alias, the side); a new name keeps the old one as an alias, so earlier calls and the next
    import still know them. Edits `people` in place and returns it.
    """
    while True:
        asker.say(messages.PEOPLE_NOW)
        for n, person in enumerate(people, 1):
            asker.say(f"  {n}. {describe(person, with_email=True)}")
        labels = _change_labels(people)
        picked = str(
            asker.ask(
                Prompt(
                    key=f"{prompt.key}.pick",
                    kind="select",
                    message=messages.PEOPLE_PICK,
                    choices=(
                        messages.PEOPLE_DONE,
                        *labels,
                        messages.PEOPLE_ADD,
                        messages.PEOPLE_REMOVE,
                    ),
                    default=messages.PEOPLE_DONE,
                )
            )
            or messages.PEOPLE_DONE
        )
        if picked in labels:
            at = labels.index(picked)
            people[at] = changed_person(people[at], ask_person(asker, people[at], side=True))
        elif picked == messages.PEOPLE_ADD:
            name = _text(
                asker.ask(
                    Prompt(
                        key=f"{prompt.key}.name",
                        kind="text",
                        message=messages.PEOPLE_ADD_NAME,
                        help=prompt.help,
                    )
                )
            )
            if name:
                people.append(_new_attendee(asker, prompt.key, name))
        elif picked == messages.PEOPLE_REMOVE:
            _remove_one(asker, prompt.key, people)
        else:
            return people


def _change_labels(people: list[dict[str, Any]]) -> list[str]:
    """`Change Dana Lee` for each person; two of the same name told apart by their number."""
    names = [one_line(p.get("name", "")) for p in people]
    return [
        messages.PEOPLE_CHANGE.format(name=name if names.count(name) == 1 else f"{name} ({n})")
        for n, name in enumerate(names, 1)
    ]


def _remove_one(asker: Asker, key: str, people: list[dict[str, Any]]) -> None:
    labels = [
        label.removeprefix(messages.PEOPLE_CHANGE.format(name=""))
        for label in _change_labels(people)
    ]
    picked = asker.ask(
        Prompt(
            key=f"{key}.remove",
            kind="select",
            message=messages.PEOPLE_REMOVE_WHOM,
            choices=(messages.PEOPLE_REMOVE_NOBODY, *labels),
            default=messages.PEOPLE_REMOVE_NOBODY,
        )
    )
    if picked in labels:
        gone = people.pop(labels.index(picked))
        asker.say(messages.PEOPLE_REMOVED.format(name=one_line(gone.get("name", ""))))


def changed_person(before: Mapping[str, Any], after: Mapping[str, Any]) -> dict[str, Any]:
    """`after` as the person now, an earlier name kept among their aliases."""
    result = dict(after)
    old, new = str(before.get("name") or ""), str(after.get("name") or "")
    aliases = list(before.get("aliases") or [])
    if old and _norm(old) != _norm(new):
        aliases.append(old)
    result["aliases"] = _unique(aliases, besides=new)
    if not result["aliases"]:
        del result["aliases"]
    if before.get("stance") == "unknown" and not result.get("stance"):
        result["stance"] = "unknown"  # "don't know" picked again: the file's word stays
    return result


def _attendee_details(asker: Asker, key: str, shown: str, side: str) -> dict[str, str]:
    """Email, and on their side influence and stance: Enter skips each (don't know)."""
    details = {
        "email": _text(
            asker.ask(
                Prompt(
                    key=f"{key}.email",
                    kind="text",
                    message=messages.PERSON_EMAIL.format(name=shown),
                    help=messages.PERSON_EMAIL_HELP,
                    validate=email_problem,
                )
            )
        )
    }
    if side == "customer":
        for field, message, choices in (
            ("influence", messages.PERSON_INFLUENCE, messages.INFLUENCE_CHOICES),
            ("stance", messages.PERSON_STANCE, messages.STANCE_CHOICES),
        ):
            details[field] = _choice(
                asker.ask(
                    Prompt(
                        key=f"{key}.{field}",
                        kind="select",
                        message=message.format(name=shown),
                        choices=tuple(choices.values()),
                    )
                ),
                choices,
            )
    return {field: value for field, value in details.items() if value}


def ask_person(
    asker: Asker, person: Mapping[str, Any], new: bool = False, side: bool = False
) -> dict[str, Any]:
    """Ask for what can change about one person; Enter keeps each current answer. A new person
    (`new`: their name is known already) is asked their side too, and so is one with `side`."""
    result = dict(person)
    shown = one_line(person.get("name", ""))
    if not new:
        name = _text(
            asker.ask(
                Prompt(
                    key="person.name",
                    kind="text",
                    message=messages.PERSON_NAME.format(name=shown),
                    default=person.get("name", ""),
                )
            )
        )
        if name:
            result["name"] = name
            shown = one_line(name)
    result["role"] = _text(
        asker.ask(
            Prompt(
                key="person.role",
                kind="text",
                message=messages.PERSON_ROLE.format(name=shown),
                help=messages.PERSON_ROLE_HELP,
                default=person.get("role", ""),
            )
        )
    )
    if new or side:
        current = person.get("side") or "customer"
        result["side"] = (
            _choice(
                asker.ask(
                    Prompt(
                        key="person.side",
                        kind="select",
                        message=messages.PERSON_SIDE.format(name=shown),
                        choices=tuple(messages.PERSON_SIDE_CHOICES.values()),
                        default=messages.PERSON_SIDE_CHOICES.get(current),
                    )
                ),
                messages.PERSON_SIDE_CHOICES,
            )
            or "customer"
        )
    while True:
        email = _text(
            asker.ask(
                Prompt(
                    key="person.email",
                    kind="text",
                    message=messages.PERSON_EMAIL.format(name=shown),
                    help=messages.PERSON_EMAIL_HELP,
                    default=person.get("email", ""),
                    validate=email_problem,
                )
            )
        )
        problem = email_problem(email)
        if problem is None:
            break
        asker.say(problem)
    result["email"] = email
    if result.get("side", "customer") == "customer":
        result["influence"] = _choice(
            asker.ask(
                Prompt(
                    key="person.influence",
                    kind="select",
                    message=messages.PERSON_INFLUENCE.format(name=shown),
                    choices=tuple(messages.INFLUENCE_CHOICES.values()),
                    default=messages.INFLUENCE_CHOICES.get(person.get("influence") or ""),
                )
            ),
            messages.INFLUENCE_CHOICES,
        )
        result["stance"] = _choice(
            asker.ask(
                Prompt(
                    key="person.stance",
                    kind="select",
                    message=messages.PERSON_STANCE.format(name=shown),
                    choices=tuple(messages.STANCE_CHOICES.values()),
                    default=messages.STANCE_CHOICES.get(person.get("stance") or ""),
                )
            ),
            messages.STANCE_CHOICES,
        )
    return result


def review(asker: Asker, edited: list[dict[str, Any]], intro: str) -> list[dict[str, Any]]:
    """Walk each person (still right? if not, what changed) and ask who else joined.

    Edits the list in place, so Ctrl-C keeps what was answered, and returns it: the same people
    in the same order, then anyone added.
    """
    if edited:
        asker.say(intro)
    for index, person in enumerate(edited):
        right = asker.ask(
            Prompt(
                key="person.keep",
                kind="confirm",
                message=messages.PERSON_STILL_RIGHT.format(person=describe(person)),
                default=True,
            )
        )
        if not right:
            edited[index] = ask_person(asker, person)
    while True:
        name = _text(
            asker.ask(
                Prompt(
                    key="person.new",
                    kind="text",
                    message=messages.PERSON_NEW,
                    help=messages.PERSON_NEW_HELP,
                )
            )
        )
        if not name:
            return edited
        edited.append(ask_person(asker, {"name": name}, new=True))
