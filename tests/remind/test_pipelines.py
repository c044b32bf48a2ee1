"""The weekly reminder job in the pipelines `mus init` writes: commented out until the
SMTP secrets are set, and a working job once the "# " is taken away."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from mus_build.check.config import load_config

SKELETON = Path(__file__).parent.parent.parent / "mus_build" / "scaffold" / "skeleton"


def test_the_github_job_is_off_until_uncommented_and_then_takes_the_login_from_secrets():
    text = (SKELETON / "ci" / "nightly.yml").read_text()
    assert "remind" not in yaml.safe_load(text)["jobs"]
    switched_on = re.sub(r"(?m)^  # (remind:|  )", r"  \1", text)
    job = yaml.safe_load(switched_on)["jobs"]["remind"]
    step = job["steps"][-1]
    assert step["env"] == {
        "MUS_SMTP_USER": "${{ secrets.MUS_SMTP_USER }}",
        "MUS_SMTP_PASSWORD": "${{ secrets.MUS_SMTP_PASSWORD }}",
        "MUS_CHAT_WEBHOOK": "${{ secrets.MUS_CHAT_WEBHOOK }}",
    }
    assert "mus remind --send" in step["run"]
    assert job["permissions"] == {"contents": "read"}


def test_the_gitlab_job_is_off_until_uncommented():
    text = (SKELETON / "ci" / "gitlab-ci.yml").read_text()
    assert "remind" not in yaml.safe_load(text)
    job = yaml.safe_load(re.sub(r"(?m)^# (remind:|  )", r"\1", text))["remind"]
    assert job["rules"] == [{"if": '$CI_PIPELINE_SOURCE == "schedule"'}]
    assert any("mus remind --send" in line for line in job["script"])


def test_the_settings_in_the_new_handbook_are_valid_once_uncommented(tmp_path):
    text = (SKELETON / "mkdocs.yml").read_text()
    before, marker, block = text.partition("    # reminders:")
    switched_on = before + re.sub(r"(?m)^    # (reminders:|  )", r"    \1", marker + block)
    assert "\n    reminders:\n      host: smtp.office365.com" in switched_on
    (tmp_path / "mkdocs.yml").write_text(switched_on)
    config, problems = load_config(tmp_path / "mkdocs.yml")
    assert problems == []
    assert config.settings.reminders.sender == "mus@firma.dk"
    assert config.settings.reminders.chat == "teams"
