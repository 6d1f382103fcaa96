"""The agenda message to the customer: a pure view of the plan's customer view (`customer`),
rendered as plain text or Markdown."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from callprep import messages
from callprep.coach.voice import customer_voice, first_name
from callprep.dates import get_zone
from callprep.errors import CallprepError
from callprep.outreach.customer import CustomerView, Person, of
from callprep.plans.model import Plan
from callprep.text import clean, md_text, one_line

if TYPE_CHECKING:
    from callprep.plans.profile import Profile

# Goals often start with a verb ("See whether we integrate..."), which reads best after
# "you'd like to"; anything else is quoted after a colon.
# fmt: off
_GOAL_VERBS = frozenset((
    "see", "understand", "know", "learn", "get", "find", "check", "confirm", "agree", "decide",
    "review", "compare", "discuss", "hear", "make", "talk", "explore", "evaluate", "test",
    "validate", "meet", "plan", "define", "clarify", "ensure", "walk", "cover", "set", "figure",
    "assess", "judge", "pick", "choose", "go", "look", "sort", "start", "move", "build", "prove",
    "show", "be", "have", "avoid", "reduce", "cut", "save", "keep", "replace", "switch",
    "improve", "stop", "fix", "track", "secure", "protect",
))
# fmt: on
_GOAL_PREFIX_RE = re.compile(
    r"^(?:you\s+(?:want|would\s+like|['’]d\s+like|need|hope|wish)\s+to|to)\s+", re.IGNORECASE
)
# Words a goal written as a phrase often starts with: safe to lowercase mid-sentence.
# fmt: off
_COMMON_FIRST_WORDS = frozenset((
    "a", "an", "the", "more", "some", "pricing", "price", "prices", "cost", "costs", "clarity",
    "answers", "details", "information", "timeline", "timelines", "next", "options", "alignment",
    "agreement", "feedback", "numbers", "figures", "integration", "security", "references",
    "help", "support", "budget", "scope", "terms", "roadmap", "overview", "update", "updates",
    "proof", "confirmation", "approval", "reassurance", "savings", "visibility", "better",
    "fewer", "less", "lower", "faster", "how", "what", "why", "whether", "when", "who", "which",
))
# fmt: on


# Words that make a "name" a role or a placeholder ("Warehouse manager (name tbc)", "CFO").
# fmt: off
_NOT_NAMES = frozenset((
    "manager", "director", "head", "lead", "vp", "svp", "evp", "ceo", "coo", "cfo", "cto", "cio",
    "ciso", "cmo", "cro", "chief", "president", "officer", "engineer", "buyer", "procurement",
    "warehouse", "operations", "ops", "finance", "it", "security", "legal", "the", "our", "their",
    "his", "her", "someone", "somebody", "contact", "team", "assistant", "analyst", "owner",
    "admin", "sales", "marketing", "board", "depot", "fleet", "site", "account", "accounts",
    "person", "colleague", "boss", "unknown", "tbc", "tbd", "n/a", "na", "name", "new",
))
# fmt: on
_PLACEHOLDER_RE = re.compile(r"[@?()\[\]<>{}/]|\b(?:tbc|tbd|unknown|not known|name)\b", re.I)


def greeting_name(person: Person) -> str | None:
    """The first name to greet someone by; None when what the plan holds is no name (a role,
    an address, "(name tbc)")."""
    name = one_line(person.name)
    if not name or _PLACEHOLDER_RE.search(name):
        return None
    first = first_name(name)
    if not first or first.lower().strip(".,") in _NOT_NAMES or not first[0].isalpha():
        return None
    return first


def greeting(view: CustomerView, esc: Escape) -> str:
    """ "Hi Helen,", "Hi Helen and Tom," or "Hi all,": only names that are names.

    Someone on their side the plan cannot name is greeted with everyone ("Hi all,") when the
    message reaches them (they have an address); with no address, the named ones are greeted.
    """
    people = [a for a in view.people if a.side == "customer" and (a.name or a.email)]
    named = [(person, greeting_name(person)) for person in people]
    known = list(dict.fromkeys(name for _, name in named if name))
    reached_unnamed = [p for p, name in named if name is None and p.email]
    if not people:
        return messages.AGENDA_GREETING_NOBODY
    if not known:
        return messages.AGENDA_GREETING_ALL if len(people) > 1 else messages.AGENDA_GREETING_NOBODY
    if reached_unnamed or len(known) > 3:
        return messages.AGENDA_GREETING_ALL
    return messages.AGENDA_GREETING.format(names=join_names([esc(name) for name in known]))


def join_names(names: list[str]) -> str:
    if len(names) <= 1:
        return "".join(names)
    return f"{', '.join(names[:-1])} and {names[-1]}"


def _person(person: Person) -> str:
    name, role = one_line(person.name), one_line(person.role)
    return f"{name} ({role})" if role else name


def sender(view: CustomerView, profile: Profile | None = None) -> Person | None:
    """Who sends the message and organises the call: the seller (the profile's address) when
    on the plan, else the first of ours with an email, else the first of ours; with none of
    ours, the seller from the profile."""
    ours = view.our_people
    if profile is not None and profile.email:
        mine = [p for p in ours if p.email.lower() == profile.email.lower()]
        if mine:
            return mine[0]
    with_email = [p for p in ours if p.email]
    chosen = with_email or ours
    if chosen:
        return chosen[0]
    if profile is not None and profile.name:
        return Person(profile.name, profile.title, "ours", profile.email)
    return None


def signature(profile: Profile | None, me: Person | None) -> tuple[str, ...]:
    """The sign-off's lines: the profile's signature; else full name, then title and company."""
    if profile is not None and profile.signature:
        return tuple(clean(line).rstrip() for line in profile.signature.splitlines())
    name = one_line(profile.name if profile is not None and profile.name else me.name if me else "")
    title = one_line(
        profile.title if profile is not None and profile.title else me.role if me else ""
    )
    company = one_line(profile.company) if profile is not None else ""
    second = ", ".join(part for part in (title, company) if part)
    return tuple(line for line in (name, second) if line)


_CLOSING = re.compile(
    r"(?:" + "|".join(re.escape(c) for c in messages.CLOSINGS) + r")(?:\s*[,.!]?\s*$|\s*,)",
    re.IGNORECASE,
)


def is_closing(line: str) -> bool:
    """Whether a line closes a message: "Best,", "Kind regards", "Thanks, Sam", "Viele Grüße"."""
    return bool(_CLOSING.match(one_line(line)))


def sign_off(profile: Profile | None, me: Person | None) -> tuple[str, tuple[str, ...]]:
    """The closing and the signature's lines: one closing, whichever signature. A signature
    that starts with its own closing is used as it is (the closing is then "")."""
    lines = signature(profile, me)
    if lines and is_closing(lines[0]):
        return "", lines
    return messages.AGENDA_SIGN_OFF, lines


# --- their goal, restated ---------------------------------------------------------------------

# Who said it, before the goal itself: "Helen (via email): ...", "Helen said: ...", "Per Helen: ".
_ATTRIBUTION_RE = re.compile(
    r"^\s*(?:"
    r"[^:()]{1,60}\((?:via|by|on|from|in|per|over)\b[^)]{0,60}\)\s*"
    r"|[^:()]{1,60}\b(?:said|says|wrote|writes|asked|asks|mentioned|told us|told me)\s*"
    r"|(?:per|from)\s+[^:()]{1,60}"
    r")[:\-–—]\s*",
    re.IGNORECASE,
)
_WANTS_RE = re.compile(
    r"^(?:(?:[A-Z][\w’'-]*\s+){1,2})?(?:wants|would like|needs|hopes|wishes|is hoping)\s+to\s+",
)


def restated_goal(text: str) -> tuple[str, bool]:
    """What the customer wants from the call, addressed to them and without the seller's
    attribution ("Helen (via email): ..."), and whether it starts with a verb ("see whether ...")."""
    goal = one_line(text).strip(" \"'“”‘’")
    goal = _ATTRIBUTION_RE.sub("", goal, count=1).strip(" \"'“”‘’")
    goal = customer_voice(goal).rstrip(".!")
    goal = _WANTS_RE.sub("", goal, count=1)
    goal = _GOAL_PREFIX_RE.sub("", goal)
    if not goal:
        return "", False
    first = goal.split(" ", 1)[0]
    if first.lower() in _GOAL_VERBS:
        return first.lower() + goal[len(first) :], True
    # A phrase: its first word lowercased only when it is a common word ("Pricing for ..."); any
    # other may be a name ("Samsara comparison").
    if first.lower().rstrip(":;,") in _COMMON_FIRST_WORDS and first[1:].islower():
        goal = first.lower() + goal[len(first) :]
    return goal, False


def _their_goal(view: CustomerView, noun: str, esc: Escape, short: bool) -> str:
    goal, verb = restated_goal(view.their_goal)
    if not goal:
        return (
            messages.AGENDA_SHORT_GOAL_UNKNOWN
            if short
            else messages.AGENDA_THEIR_GOAL_UNKNOWN.format(noun=noun)
        )
    if short:
        template = messages.AGENDA_SHORT_GOAL if verb else messages.AGENDA_SHORT_GOAL_PHRASE
    else:
        template = messages.AGENDA_THEIR_GOAL if verb else messages.AGENDA_THEIR_GOAL_PHRASE
    return template.format(goal=esc(goal), noun=noun)


def purpose_of(view: CustomerView) -> str:
    """The up-front contract's purpose as the rest of "The purpose of the call is ...", or ""."""
    text = customer_voice(one_line(view.purpose)).rstrip(".!")
    text = re.sub(
        r"^(?:the\s+)?purpose(?:\s+of\s+(?:today|this|the|our)(?:\s+(?:call|meeting|demo|review))?)?"
        r"\s*(?:is|:|-|–)\s*",
        "",
        text,
        flags=re.IGNORECASE,
    )
    if not text:
        return ""
    first = text.split(" ", 1)[0]
    if first.lower() in _GOAL_VERBS:
        return f"to {first.lower()}{text[len(first) :]}"
    if first.lower() == "to":
        return f"to{text[2:]}"
    return text[:1].lower() + text[1:] if first[1:].islower() else text


# --- time -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CallTime:
    start: dt.datetime  # aware, in the zone the message names first (theirs, else ours)
    minutes: int
    length_assumed: bool
    zone: str = ""  # IANA name of start's zone; "" when only an offset is known
    ours: str = ""  # the seller's zone, when it differs from `zone`

    @property
    def end(self) -> dt.datetime:
        # Elapsed minutes, not wall-clock ones: a call across a change of the clocks still
        # lasts its length (and never ends at a time the clocks skip).
        after = self.start.astimezone(dt.UTC) + dt.timedelta(minutes=self.minutes)
        return after.astimezone(self.start.tzinfo)


def call_time(plan: Plan | CustomerView, our_zone: str = "") -> CallTime | None:
    """When the call is: in the plan's named zone (theirs, when it is not ours), else in ours;
    a plan with no offset is in the seller's own."""
    view = of(plan)
    if view.starts_at is None:
        return None

    start = view.starts_at if view.starts_at.tzinfo else view.starts_at.astimezone()
    minutes = view.duration_minutes or messages.AGENDA_DEFAULT_MINUTES
    assumed = view.duration_minutes is None
    zone = _zone_or_none(view.timezone)
    mine = _zone_or_none(our_zone)
    if zone is None and mine is not None:
        zone = mine
    if zone is None:
        # No zone known by name: the file's own offset ("UTC-05:00").
        fixed = start.astimezone(dt.timezone(start.utcoffset() or dt.timedelta(0)))
        return CallTime(fixed, minutes, assumed)
    ours = mine.key if mine is not None and _differs(zone, mine, start) else ""
    return CallTime(start.astimezone(zone), minutes, assumed, zone.key, ours)


def _zone_or_none(name: str) -> ZoneInfo | None:
    if not name:
        return None
    try:
        return get_zone(name)
    except CallprepError:
        return None


def _differs(theirs: ZoneInfo, ours: ZoneInfo, when: dt.datetime) -> bool:
    return (
        theirs.key != ours.key
        and when.astimezone(theirs).utcoffset() != when.astimezone(ours).utcoffset()
    )


def zone_label(key: str) -> str:
    """A zone as people name it: "New York time", "UTC", "UTC-5"."""
    if key in ("UTC", "Etc/UTC", "Etc/GMT", "GMT", "Etc/Universal", "Etc/Zulu", "Universal"):
        return "UTC"
    fixed = re.fullmatch(r"Etc/GMT([+-])(\d+)", key)
    if fixed:  # POSIX sign: Etc/GMT+5 is five hours behind UTC
        return f"UTC{'-' if fixed.group(1) == '+' else '+'}{fixed.group(2)}"
    city = key.rsplit("/", 1)[-1].replace("_", " ")
    return messages.AGENDA_ZONE.format(city=city)


def _span(start: dt.datetime, end: dt.datetime) -> str:
    if end.date() != start.date():
        return f"{start:%H:%M} to {end:%A} {end:%H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"


def format_call_time(when: CallTime) -> str:
    """ "Thursday 3 December 2026, 10:00–10:45 New York time (15:00–15:45 London time)"."""
    start, end = when.start, when.end
    day = f"{start:%A} {start.day} {start:%B %Y}"
    label = zone_label(when.zone) if when.zone else start.tzname() or ""
    text = f"{day}, {_span(start, end)} {label}".rstrip()
    if when.ours:
        ours = ZoneInfo(when.ours)
        mine = f"{_span(start.astimezone(ours), end.astimezone(ours))} {zone_label(when.ours)}"
        if start.astimezone(ours).date() != start.date():
            mine = f"{start.astimezone(ours):%A} {mine}"
        text = messages.AGENDA_BOTH_ZONES.format(theirs=text, ours=mine)
    return text


def short_day(when: CallTime) -> str:
    return f"{when.start:%a} {when.start.day} {when.start:%b}"


# --- the message --------------------------------------------------------------------------------


@dataclass(frozen=True)
class AgendaMessage:
    """The message in reading order; every plan text in it is already one clean line."""

    subject: str
    greeting: str
    opening: str
    purpose: str
    their_goal: str
    items: tuple[str, ...]
    items_intro: str
    prep: tuple[str, ...]
    outcome: str
    join: str
    close: str
    sign_off: str
    signature: tuple[str, ...]
    when: CallTime | None
    hints: tuple[str, ...]  # what the seller should know is missing (for stderr, not the message)
    short: bool = False
    prep_intro: str = messages.AGENDA_PREP_INTRO


Escape = Callable[[str], str]


def call_noun(view: CustomerView) -> str:
    """What the customer would call this call: "call", "demo", "meeting", "review"."""
    return messages.AGENDA_NOUN.get(view.kind, messages.AGENDA_NOUN_DEFAULT)


def short_outcome(kind: str) -> str:
    """The outcome the short message (and the page to share) proposes for a call of `kind`."""
    return messages.AGENDA_SHORT_OUTCOME.get(kind, messages.AGENDA_SHORT_OUTCOME_DEFAULT)


def _plain(text: str) -> str:
    return text


def _clean_items(items: Sequence[str], esc: Escape) -> tuple[str, ...]:
    return tuple(esc(customer_voice(one_line(item))) for item in items if one_line(item))


def build(
    plan: Plan | CustomerView,
    ref: str = "PLAN",
    markdown: bool = False,
    profile: Profile | None = None,
    long: bool = False,
) -> AgendaMessage:
    """The message proposing the agenda to the customer; `ref` names the plan in hints.

    Short by default (under AGENDA_WORD_LIMIT words for a prepared call: time, agenda, their
    goal, what to bring, who joins); `long` adds the purpose, the outcome and more words around
    each. Plan text is made safe where it enters a sentence: one clean line, and escaped for
    Markdown when `markdown` is set, so the wording around it stays readable.
    """
    view = of(plan)
    esc: Escape = md_text if markdown else _plain
    kind = view.kind or "other"
    noun = call_noun(view)
    when = call_time(view, profile.zone_name if profile is not None else "")
    hints: list[str] = []

    topic = esc(customer_voice(one_line(view.topic)))
    subject = messages.AGENDA_SUBJECT.format(
        noun=noun,
        on_day=f" on {short_day(when)}" if when else "",
        topic=f": {topic}" if topic else "",
    )
    if not any(a.side == "customer" and (a.name or a.email) for a in view.people):
        hints.append(messages.AGENDA_NO_CUSTOMER)

    minutes = when.minutes if when else view.duration_minutes or messages.AGENDA_DEFAULT_MINUTES
    if when is None:
        hints.append(messages.AGENDA_NO_TIME.format(ref=ref))
    if view.duration_minutes is None:
        hints.append(messages.AGENDA_LENGTH_ASSUMED.format(minutes=minutes))
    items = _clean_items(view.agenda, esc)
    if not items:
        hints.append(messages.AGENDA_NO_ITEMS.format(ref=ref))
    prep = _clean_items(view.prep, esc)
    if not prep:
        hints.append(messages.AGENDA_NO_PREP)

    me = sender(view, profile)
    others = [p for p in view.our_people if p is not me and not _same_person(p, me)]
    purpose = esc(purpose_of(view))
    closing, lines = sign_off(profile, me)
    if not lines:
        hints.append(messages.AGENDA_NO_SIGNATURE)
    common: dict[str, Any] = {
        "subject": subject,
        "greeting": greeting(view, esc),
        "their_goal": _their_goal(view, noun, esc, short=not long),
        "items": items,
        "prep": prep,
        "sign_off": closing,
        "signature": tuple(esc(line) if markdown else line for line in lines),
        "when": when,
        "hints": tuple(hints),
    }
    if not long:
        return _short(view, common, noun, minutes, purpose, others, esc)

    if when is None:
        opening = messages.AGENDA_OPENING_NO_TIME.format(minutes=minutes, noun=noun)
    else:
        opening = messages.AGENDA_OPENING.format(
            noun=noun, when=format_call_time(when), minutes=minutes
        )
    if others:
        join = messages.AGENDA_JOIN_OURS.format(
            people=join_names([esc(_person(p)) for p in others])
        )
    else:
        join = messages.AGENDA_JOIN
    return AgendaMessage(
        **common,
        opening=opening,
        purpose=(
            messages.AGENDA_PURPOSE_THEIRS.format(noun=noun, purpose=purpose)
            if purpose
            else messages.AGENDA_PURPOSE.get(kind, messages.AGENDA_PURPOSE_DEFAULT)
        ),
        items_intro=messages.AGENDA_ITEMS_INTRO
        if items
        else messages.AGENDA_ITEMS_NONE.format(noun=noun),
        outcome=messages.AGENDA_OUTCOME.get(kind, messages.AGENDA_OUTCOME_DEFAULT),
        join=join,
        close=messages.AGENDA_CLOSE,
    )


def _same_person(a: Person, b: Person | None) -> bool:
    if b is None:
        return False
    if a.email and b.email:
        return a.email.lower() == b.email.lower()
    return a.name.casefold() == b.name.casefold()


def _short(
    view: CustomerView,
    common: dict[str, Any],
    noun: str,
    minutes: int,
    purpose: str,
    others: list[Person],
    esc: Escape,
) -> AgendaMessage:
    when: CallTime | None = common["when"]
    items = common["items"]
    items_intro = ""
    if when is None:
        opening = messages.AGENDA_SHORT_NO_TIME.format(minutes=minutes, noun=noun)
        items_intro = messages.AGENDA_SHORT_ITEMS if items else ""
    elif purpose:
        opening = messages.AGENDA_SHORT_PURPOSE.format(
            noun=noun, when=format_call_time(when), purpose=purpose
        )
        items_intro = messages.AGENDA_SHORT_ITEMS if items else ""
    else:
        template = (
            messages.AGENDA_SHORT_OPENING if items else messages.AGENDA_SHORT_OPENING_NO_ITEMS
        )
        opening = template.format(noun=noun, when=format_call_time(when))
    close = (
        messages.AGENDA_SHORT_CLOSE_OURS.format(
            people=join_names([esc(_person(p)) for p in others])
        )
        if others
        else messages.AGENDA_SHORT_CLOSE
    )
    message = AgendaMessage(
        **common,
        opening=opening,
        purpose="",
        items_intro=items_intro,
        outcome=short_outcome(view.kind),
        join="",
        close=close,
        short=True,
        prep_intro=messages.AGENDA_SHORT_PREP,
    )
    # Over the limit, the outcome goes first: the agenda and what to bring never do.
    if word_count(render_text(message)) > messages.AGENDA_WORD_LIMIT:
        message = replace(message, outcome="")
    return message


def word_count(text: str) -> int:
    """Words a reader reads: the subject and the signature (the seller's own lines) aside."""
    lines = text.splitlines()
    if lines and lines[0].startswith(("Subject:", "**Subject:**")):
        lines = lines[1:]
    closing = next((n for n, line in enumerate(lines) if is_closing(line)), None)
    if closing is not None:
        lines = lines[: closing + 1]
    return len(re.findall(r"[^\s–—\-]+", "\n".join(lines)))


def _paragraphs(message: AgendaMessage) -> list[str]:
    return [part for part in (message.purpose, message.their_goal) if part]


def render_text(message: AgendaMessage) -> str:
    """Plain text to paste into an email: one line per paragraph, so the mail client wraps it."""
    return _render(message, markdown=False)


def render_markdown(message: AgendaMessage) -> str:
    """The same message as Markdown, from a message built with `markdown=True`."""
    return _render(message, markdown=True)


def _render(message: AgendaMessage, markdown: bool) -> str:
    # Markdown needs a blank line before a list, and two trailing spaces to break a line.
    gap = [""] if markdown else []
    numbered = [f"{n}. {item}" for n, item in enumerate(message.items, 1)]
    subject = f"**Subject:** {message.subject}" if markdown else f"Subject: {message.subject}"
    lines = [subject, "", message.greeting, "", message.opening, ""]
    if message.short:
        if message.items_intro:
            lines += [message.items_intro, *gap]
        if numbered:
            lines += [*numbered, ""]
        lines += [message.their_goal, ""]
    else:
        for paragraph in _paragraphs(message):
            lines += [paragraph, ""]
        lines += [message.items_intro, *gap, *numbered]
        if numbered or not markdown:
            lines += [""]
    if message.prep:
        lines += [message.prep_intro, *gap, *(f"- {item}" for item in message.prep), ""]
    for paragraph in (message.outcome, message.join, message.close):
        if paragraph:
            lines += [paragraph, ""]
    lines += sign_off_lines(message.sign_off, message.signature, markdown)
    return "\n".join(lines) + "\n"


def sign_off_preview(profile: Profile) -> list[str]:
    """How the seller's messages end, as `callprep profile` shows it (no plan: the profile's
    name, title and company, or its signature)."""
    closing, lines = sign_off(profile, sender(CustomerView(), profile))
    return sign_off_lines(closing, lines, markdown=False)


def sign_off_lines(closing: str, signature: Sequence[str], markdown: bool) -> list[str]:
    """The closing (when the signature has none of its own) and the signature, one a line; in
    Markdown with the two trailing spaces that break a line."""
    lines = [line for line in (closing, *signature) if line] or [messages.AGENDA_SIGN_OFF]
    if not markdown:
        return lines
    return [f"{line}  " for line in lines[:-1]] + lines[-1:]


def message_for(
    plan: Plan | CustomerView,
    fmt: str,
    ref: str = "PLAN",
    profile: Profile | None = None,
    long: bool = False,
) -> tuple[str, AgendaMessage]:
    """The message as `fmt` ("text" or "md") text, and the view it came from."""
    if fmt == "md":
        view = build(plan, ref, markdown=True, profile=profile, long=long)
        return render_markdown(view), view
    view = build(plan, ref, profile=profile, long=long)
    return render_text(view), view


# --- offered at the end of `callprep new` ----------------------------------------------------


def draft_for_new(plan: Plan, profile: Profile | None = None) -> str:
    """The message and what to do with it, as `new` shows it on stderr (stdout stays the id)."""
    text, _ = message_for(plan, "text", plan.id, profile)
    return f"\n{text}\n{messages.AGENDA_DRAFT_AFTER.format(id=plan.id)}"
