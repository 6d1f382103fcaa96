"""Plans that push the one-page brief: overfull, hostile, non-Latin (shared by the brief tests)."""

from __future__ import annotations

import datetime as dt

from callprep.deal.carry import OpenCommitment
from callprep.plans.model import Commitment, Plan

HOSTILE = "<script>alert(1)</script> [bold]x[/bold] #set page(width: 1cm) `tick` *star* $x$ @ref _u_ \\ &amp;"

LONG = (
    "They replaced their routing tool twice in three years and the depot managers no longer "
    "trust any dashboard that was not built in-house; the last vendor promised integration in "
    "six weeks and took nine months, so every claim we make will be checked against references "
    "from fleets of their size, with named contacts, before anyone signs anything at all. "
)


def overfull_plan() -> Plan:
    """Dozens of everything and very long answers: far more than any page holds."""
    long = LONG * 3
    return Plan.model_validate(
        {
            "id": "2026-12-03-overfull-discovery",
            "account": "Overfull Industries International Holdings " * 3,
            "opportunity": "A rollout so large its name does not fit on one line " * 2,
            "kind": "discovery",
            "starts_at": dt.datetime(2026, 12, 3, 15, 0, tzinfo=dt.UTC),
            "duration_minutes": 90,
            "questions": [f"Question {n}: {LONG}" for n in range(1, 41)],
            "objective": {"best": long, "minimum": long, "customer": long},
            "agenda": {
                "items": [f"Agenda item {n}: {LONG}" for n in range(1, 41)],
                "shared": True,
                "customer_prep": [f"Prepare {n}: {LONG}" for n in range(1, 31)],
            },
            "discovery": {"why_looking": long, "urgency": long, "competition": long},
            "attendees": [
                {"name": f"Person {n} " + "Longname" * 4, "role": "Vice president " * 3}
                for n in range(1, 31)
            ]
            + [{"name": f"Our {n}", "role": "Engineer", "side": "ours"} for n in range(1, 11)],
            "notes": {f"note_{n}": long for n in range(1, 16)},
        }
    )


def overfull_commitments() -> list[OpenCommitment]:
    return [
        OpenCommitment(
            Commitment(who="customer" if n % 2 else "ours", what=LONG, due=dt.date(2026, 11, n)),
            from_plan="2026-11-01-overfull-discovery",
            overdue=n % 3 == 0,
        )
        for n in range(1, 26)
    ]


def overfull_unanswered() -> list[str]:
    return [f"Earlier question {n}: {LONG}" for n in range(1, 26)]


def hostile_plan() -> Plan:
    """Markup of every format in every field a seller types."""
    return Plan.model_validate(
        {
            "id": "2026-12-03-hostile",
            "account": HOSTILE,
            "opportunity": HOSTILE,
            "kind": "demo",
            "questions": [HOSTILE],
            "objective": {"best": HOSTILE, "minimum": HOSTILE, "customer": HOSTILE},
            "agenda": {"items": [HOSTILE], "customer_prep": [HOSTILE]},
            "discovery": {"why_looking": HOSTILE, "decision_process": HOSTILE},
            "attendees": [
                {"name": HOSTILE, "role": HOSTILE},
                {"name": HOSTILE, "role": "", "side": "ours"},
            ],
            "notes": {"tip": HOSTILE},
        }
    )


def hostile_commitments() -> list[OpenCommitment]:
    return [OpenCommitment(Commitment(what=HOSTILE), from_plan="x", overdue=True)]


def international_plan() -> Plan:
    """Accents, Greek and Cyrillic names must print as written."""
    return Plan.model_validate(
        {
            "id": "2026-12-03-international",
            "account": "Société Générale d'Équipement",
            "opportunity": "Πιλοτικό πρόγραμμα · Пилотный проект",
            "kind": "proposal",
            "objective": {"best": "Zoë Łukasiewicz signs the pilot order by 15 Dec"},
            "attendees": [
                {"name": "Zoë Łukasiewicz", "role": "Directrice financière"},
                {"name": "Γιώργος Παπαδόπουλος", "role": "Διευθυντής"},
                {"name": "Ольга Смирнова", "role": "ИТ-директор"},
                {"name": "Ngozi Ọkọnkwọ", "role": "Logistics"},
            ],
        }
    )


def overfull_earlier() -> list[Plan]:
    """An earlier call of the deal whose debrief left far more than "Last time" can hold."""
    long = LONG * 3
    return [
        Plan.model_validate(
            {
                "id": "2026-11-01-overfull-discovery",
                "account": "Overfull Industries International Holdings " * 3,
                "kind": "discovery",
                "starts_at": dt.datetime(2026, 11, 1, 15, 0, tzinfo=dt.UTC),
                "attendees": [{"name": f"Person {n}", "stance": "neutral"} for n in range(1, 31)],
                "debrief": {
                    "outcome": "minimum",
                    "summary": long,
                    "next_step": long,
                    "risks": [f"Risk {n}: {LONG}" for n in range(1, 31)],
                    "off_script": [f"Opening {n}: {LONG}" for n in range(1, 31)],
                    "new_opportunities": [f"Opening {n}: {LONG}" for n in range(1, 31)],
                    "stances": [
                        {
                            "name": f"Person {n} " + "Longname" * 4,
                            "was": "neutral",
                            "now": "sceptic",
                        }
                        for n in range(1, 31)
                    ],
                },
            }
        )
    ]
