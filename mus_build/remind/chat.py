"""The chat summary for HR or a management channel: counts and links, never a name or an
agreement's text, posted to a Microsoft Teams Workflows webhook (an Adaptive Card; Teams'
old Office 365 connectors are retired) or a Slack incoming webhook.

The webhook's address is a secret (whoever has it can post to the channel), so it comes
only from the environment, MUS_CHAT_WEBHOOK, never from mkdocs.yml; messages never print it.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from mus_build.errors import MusError
from mus_build.messages import say

WEBHOOK_VARIABLE = "MUS_CHAT_WEBHOOK"
LOCAL_HOSTS = ("localhost", "127.0.0.1", "::1")
TIMEOUT = 30


@dataclass(frozen=True)
class Summary:
    title: str
    facts: list[tuple[str, int]]  # label, count
    links: list[tuple[str, str]]  # label, address


def teams_card(summary: Summary) -> dict:
    """A message with one Adaptive Card, as Teams Workflows' "When a Teams webhook request is
    received" expects it."""
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": [
            {"type": "TextBlock", "text": summary.title, "weight": "Bolder", "size": "Medium", "wrap": True},
            {
                "type": "FactSet",
                "facts": [{"title": label, "value": str(count)} for label, count in summary.facts],
            },
        ],
        "actions": [{"type": "Action.OpenUrl", "title": label, "url": url} for label, url in summary.links],
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": card}
        ],
    }


def slack_message(summary: Summary) -> dict:
    lines = [f"{label}: {count}" for label, count in summary.facts]
    lines += [f"<{url}|{escape_slack(label)}>" for label, url in summary.links]
    text = "\n".join(
        [
            f"*{escape_slack(summary.title)}*",
            *(escape_slack(line) if not line.startswith("<") else line for line in lines),
        ]
    )
    return {"text": text}


def escape_slack(text: str) -> str:
    """Slack reads &, < and > as markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PAYLOADS = {"teams": teams_card, "slack": slack_message}


def webhook_from(environment: Mapping[str, str]) -> str:
    url = environment.get(WEBHOOK_VARIABLE, "").strip()
    if not url:
        raise MusError(say("chat_no_webhook", variable=WEBHOOK_VARIABLE))
    parts = urlsplit(url)
    local = parts.scheme == "http" and parts.hostname in LOCAL_HOSTS
    if parts.scheme != "https" and not local:
        raise MusError(say("chat_not_https", variable=WEBHOOK_VARIABLE))
    return url


def post(url: str, payload: dict) -> None:
    """Post the summary; a refusal or an unreachable webhook is one MusError naming the host only."""
    host = urlsplit(url).hostname or "the webhook"
    request = urllib.request.Request(
        url,
        data=json.dumps(payload, ensure_ascii=False).encode("utf-8"),
        headers={"Content-Type": "application/json; charset=utf-8"},
        method="POST",
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT) as response:  # noqa: S310 - https or this machine
            response.read()
    except urllib.error.HTTPError as exc:
        raise MusError(say("chat_http_error", host=host, code=exc.code, variable=WEBHOOK_VARIABLE)) from None
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise MusError(say("chat_unreachable", host=host, reason=reason, variable=WEBHOOK_VARIABLE)) from None
