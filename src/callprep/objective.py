"""Is an objective something the customer will do or agree to? A rule-based judge with reasons."""

from __future__ import annotations

import re

# Verbs (as word stems) that name something the customer does or agrees to by the end of a call.
_CUSTOMER_ACTIONS = (
    "agree",
    "approv",
    "sign",
    "commit",
    "confirm",
    "accept",
    "decid",
    "choos",
    "select",
    "introduc",
    "schedul",
    "book",
    "send",
    "share",
    "provid",
    "grant",
    "nominat",
    "assign",
    "allocat",
    "releas",
    "issu",
    "order",
    "purchas",
    "buy",
    "renew",
    "expand",
    "upgrad",
    "invit",
    "arrang",
    "set up",
    "sets up",
    "start",
    "begin",
    "launch",
    "run",
    "join",
    "sponsor",
    "endors",
    "hand over",
    "give us",
    "gives us",
    "get us",
    "gets us",
    "supply",
    "submit",
    "return",
    "countersign",
    "green-light",
    "greenlight",
    "shortlist",
    "short-list",
    "name",
    "put us",
    "puts us",
    "add us",
    "adds us",
    "open",
    "request",
    "register",
    "move forward",
    "proceed",
    "pay",
    "transfer",
    "pick",
    "verbal",
    "award",
    "connect",
    "commitment",
    "agreement",
    "approval",
    "signature",
    "sign-off",
    "signoff",
    "go-ahead",
    "po ",
    "purchase order",
    "contract",
    "loi",
    "letter of intent",
)

# Activities that are the seller's, or talk about talking, with no customer action in them.
_SELLER_ONLY = re.compile(
    r"\b(see what|find out what|pitch|present|demo(?:nstrate)?|give (?:a|the) demo|show(?:case)?|"
    r"walk (?:them|him|her) through|touch base|catch up|check in|check-in|follow up|follow-up|"
    r"discuss|talk about|chat|understand|learn|explore|review|build (?:rapport|relationship)|"
    r"get to know|introduce (?:our|the product|ourselves)|update (?:them|him|her)|"
    r"keep in touch|stay in touch|get (?:a )?feel|gauge|position|educate|tell (?:them|him|her))\b",
    re.IGNORECASE,
)


def _has_customer_action(text: str) -> bool:
    lowered = f" {text.lower()} "
    return any(re.search(rf"\b{re.escape(stem)}", lowered) for stem in _CUSTOMER_ACTIONS)


def vague_reason(objective: str) -> str | None:
    """Why an objective is not one the customer can act on, or None when it is concrete."""
    text = objective.strip()
    if not text:
        return None
    if not _has_customer_action(text):
        seller = _SELLER_ONLY.search(text)
        if seller:
            return f"“{seller.group(0)}” is something you do, not something the customer does or agrees to"
        return "it names nothing the customer will do or agree to"
    if len(text.split()) < 3:
        return "it is too short to say what the customer will do"
    return None
