"""The chat summary: a real HTTP server on 127.0.0.1 receives the webhook's JSON."""

from __future__ import annotations

import json

from .conftest import PEOPLE, PRIVATE_VALUE, RECORDS
from .helpers import remind, send


def with_chat(handbook, kind: str):
    config = handbook / "mkdocs.yml"
    config.write_text(config.read_text() + f"      chat: {kind}\n")
    return handbook


TEAMS_CARD = {
    "type": "message",
    "attachments": [
        {
            "contentType": "application/vnd.microsoft.card.adaptive",
            "contentUrl": None,
            "content": {
                "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
                "type": "AdaptiveCard",
                "version": "1.4",
                "body": [
                    {
                        "type": "TextBlock",
                        "text": "Lysfabrikken MUS: status pr. 26. november 2026",
                        "weight": "Bolder",
                        "size": "Medium",
                        "wrap": True,
                    },
                    {
                        "type": "FactSet",
                        "facts": [
                            {"title": "Overskredne aftaler", "value": "5"},
                            {"title": "Aftaler med frist inden for 30 dage", "value": "2"},
                            {"title": "Medarbejdere, der er for sent til MUS", "value": "1"},
                            {"title": "Medarbejdere uden MUS endnu", "value": "2"},
                            {"title": "Påmindelser sendt", "value": "5"},
                        ],
                    },
                ],
                "actions": [
                    {
                        "type": "Action.OpenUrl",
                        "title": "Overskredne aftaler",
                        "url": "https://mus.lysfabrikken.dk/overdue/",
                    },
                    {
                        "type": "Action.OpenUrl",
                        "title": "Mangler MUS",
                        "url": "https://mus.lysfabrikken.dk/due/",
                    },
                ],
            },
        }
    ],
}


def test_teams_gets_an_adaptive_card_with_counts_and_links_only(handbook, smtp_server, webhook):
    result = send(with_chat(handbook, "teams"), smtp_server.address, env={"MUS_CHAT_WEBHOOK": webhook.url})
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-2:] == [
        "Sendte 5 påmindelser for 2026-11-26.",
        "Resuméet er sendt til Teams-webhooken.",
    ]
    [(content_type, card)] = webhook.posts
    assert content_type == "application/json; charset=utf-8"
    assert card == TEAMS_CARD
    posted = str(card)
    for name, _, _ in PEOPLE.values():
        assert name not in posted
    assert PRIVATE_VALUE not in posted
    assert not any(what in posted for what in ("Skriver en vejledning", "Tester backup", "Excel"))
    assert RECORDS  # the agreements named above are the handbook's


def test_slack_gets_a_text_with_counts_and_links(handbook, smtp_server, webhook):
    result = send(with_chat(handbook, "slack"), smtp_server.address, env={"MUS_CHAT_WEBHOOK": webhook.url})
    assert result.exit_code == 0, result.output
    [(_, message)] = webhook.posts
    assert message == {
        "text": "*Lysfabrikken MUS: status pr. 26. november 2026*\n"
        "Overskredne aftaler: 5\n"
        "Aftaler med frist inden for 30 dage: 2\n"
        "Medarbejdere, der er for sent til MUS: 1\n"
        "Medarbejdere uden MUS endnu: 2\n"
        "Påmindelser sendt: 5\n"
        "<https://mus.lysfabrikken.dk/overdue/|Overskredne aftaler>\n"
        "<https://mus.lysfabrikken.dk/due/|Mangler MUS>"
    }


def test_failed_mails_are_counted_in_the_summary(handbook, smtp_server, webhook):
    smtp_server.mailbox.refuse.add("anna@lysfabrikken.dk")
    result = send(with_chat(handbook, "teams"), smtp_server.address, env={"MUS_CHAT_WEBHOOK": webhook.url})
    assert result.exit_code == 1
    facts = webhook.posts[0][1]["attachments"][0]["content"]["body"][1]["facts"]
    assert facts[-2:] == [
        {"title": "Påmindelser sendt", "value": "4"},
        {"title": "Påmindelser, der ikke kunne sendes", "value": "1"},
    ]


def test_a_refusing_webhook_is_one_line_without_its_secret_address(handbook, smtp_server, webhook):
    webhook.status[0] = 404
    result = send(with_chat(handbook, "teams"), smtp_server.address, env={"MUS_CHAT_WEBHOOK": webhook.url})
    assert result.exit_code == 1
    assert result.output.splitlines()[-2:] == [
        "Sendte 5 påmindelser for 2026-11-26.",
        "Resuméet blev ikke sendt til chatten: chat-webhooken på 127.0.0.1 svarede HTTP 404; tjek "
        "MUS_CHAT_WEBHOOK, og at workflowet eller appen stadig findes",
    ]
    assert "secret-token" not in result.output
    assert len(smtp_server.mailbox.received) == 5  # the mails went all the same


def test_the_webhook_address_comes_only_from_the_environment(handbook, smtp_server):
    result = send(with_chat(handbook, "teams"), smtp_server.address)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Resuméet blev ikke sendt til chatten: MUS_CHAT_WEBHOOK er ikke sat; sæt den til chattens "
        "webhook-adresse (en hemmelighed i pipelinen), eller fjern chat: fra extra: mus: reminders:"
    )
    config = handbook / "mkdocs.yml"
    config.write_text(config.read_text().replace("      chat: teams\n", ""))
    result = send(handbook, smtp_server.address, env={"MUS_CHAT_WEBHOOK": "http://chat.lysfabrikken.dk/hook"})
    assert result.exit_code == 0  # no chat: in the settings, no summary


def test_an_unencrypted_webhook_elsewhere_is_refused(handbook, smtp_server):
    env = {"MUS_CHAT_WEBHOOK": "http://chat.lysfabrikken.dk/hook"}
    result = send(with_chat(handbook, "slack"), smtp_server.address, env=env)
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        "Resuméet blev ikke sendt til chatten: MUS_CHAT_WEBHOOK skal være en https://-adresse; webhookens "
        "adresse er en hemmelighed"
    )


def test_a_dry_run_shows_the_summary_and_posts_nothing(handbook, webhook):
    result = remind(with_chat(handbook, "teams"), env={"MUS_CHAT_WEBHOOK": webhook.url})
    assert result.exit_code == 0
    shown = result.output.split("Det resumé, --send ville sende til chatten (teams):\n")[1].rsplit("\n", 2)[0]
    assert json.loads(shown)["attachments"][0]["content"]["body"][1]["facts"][-1] == {
        "title": "Påmindelser sendt",
        "value": "5",
    }
    assert webhook.posts == []
