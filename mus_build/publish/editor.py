"""The form in the browser at admin/: Decap CMS as installed from npm into the handbook's
node_modules (`npm ci`, from the package-lock.json that `mus init` writes), the page
that loads it, mus's own script (theme/admin/) and the configuration made from the
record format (editor_config.py).

Everything is served from the site itself: no script, style or font from anywhere
else, and the page's Content-Security-Policy lets the browser talk only to the site
and to the Git host's API. Without Decap CMS installed, or without the settings that
say where the records live, the site is built without the form and the build says why
in one line.
"""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from mus_build.messages import Message, say
from mus_build.model.settings import Config
from mus_build.pages.paths import EDITOR_DIR
from mus_build.publish import editor_config

DECAP = "node_modules/decap-cms"
DECAP_VERSIONS = "3.16."  # the releases mus-admin.js is written for
YAML = "node_modules/yaml"  # the YAML library Decap itself uses, for mus-admin.js
YAML_VERSIONS = "1.10."
# What of Decap's package the browser loads: the bundle, the parts it loads when needed
# (`NNN.decap-cms.js`, WebAssembly), and the licences of what is bundled.
_DECAP_FILES = ("decap-cms.js", "*.decap-cms.js", "*.wasm", "decap-cms.js.LICENSE.txt")
_OWN_FILES = ("mus-admin.js", "mus-manual-init.js")
# Decap's local backend (`npx decap-server` in the handbook) as `mus serve` offers it.
PREVIEW_BACKEND = "http://localhost:8081/api/v1"

TITLES = {"da": "Redigér MUS", "en": "Edit MUS"}
NOSCRIPT = {
    "da": "Formularen kræver JavaScript.",
    "en": "The form needs JavaScript.",
}


@dataclass
class EditorFiles:
    files: list[tuple[str, bytes]] = field(default_factory=list)
    left_out: Message | None = None  # why the site has no form, in one line


def site_files(config: Config, local_backend: str | None = None, workflow: bool = True) -> EditorFiles:
    """The files of admin/, or none and the reason. `local_backend`: the address of a
    decap-server to read and write the handbook's own folder instead of the Git host;
    without `workflow` the form saves at once instead of opening a branch and a pull
    request (decap-server's files mode knows no other way)."""
    root = config.root
    try:
        backend = editor_config.backend(config)
    except editor_config.NotConfigured as exc:
        if local_backend is None:
            return EditorFiles(left_out=exc.message)
        backend = {"name": "github", "repo": "local/handbook", "branch": config.settings.editor.branch}
    decap, yaml_lib = root / DECAP, root / YAML
    missing = _missing(root, decap, DECAP_VERSIONS) or _missing(root, yaml_lib, YAML_VERSIONS)
    if missing is not None:
        return EditorFiles(left_out=missing)
    data = editor_config.decap_config(config, backend)
    if not workflow:
        del data["publish_mode"]
    origins = editor_config.api_origins(backend)
    if local_backend is not None:
        data["local_backend"] = {"url": local_backend, "allowed_hosts": ["localhost", "127.0.0.1"]}
        origins = sorted({*origins, _origin(local_backend)})
    files = [(f"{EDITOR_DIR}/config.yml", editor_config.render(data))]
    files.append((f"{EDITOR_DIR}/index.html", shell(config, origins)))
    own = resources.files("mus_build") / "publish" / "theme" / "admin"
    files += [(f"{EDITOR_DIR}/{name}", (own / name).read_bytes()) for name in _OWN_FILES]
    files += _copied(decap / "dist", _DECAP_FILES, EDITOR_DIR)
    files += _copied(yaml_lib / "browser" / "dist", ("*.js",), f"{EDITOR_DIR}/yaml")
    files.append((f"{EDITOR_DIR}/yaml/LICENSE", (yaml_lib / "LICENSE").read_bytes()))
    return EditorFiles(sorted(files))


def _missing(root: Path, package: Path, versions: str) -> Message | None:
    """Why the package cannot be used, or None."""
    try:
        version = str(json.loads((package / "package.json").read_text("utf-8")).get("version", ""))
    except (OSError, ValueError):
        if (root / "package.json").is_file():
            return say("editor_not_installed", root=root, package=package.name)
        return say("editor_no_package", root=root)
    if not version.startswith(versions):
        return say("editor_wrong_version", package=package.name, version=version, wanted=f"{versions}x")
    return None


def _copied(folder: Path, patterns: tuple[str, ...], target: str) -> list[tuple[str, bytes]]:
    found = {path for pattern in patterns for path in folder.glob(pattern) if path.is_file()}
    return [(f"{target}/{path.name}", path.read_bytes()) for path in sorted(found)]


def _origin(address: str) -> str:
    scheme, _, rest = address.partition("://")
    return f"{scheme}://{rest.split('/', 1)[0]}"


def policy(origins: list[str]) -> str:
    """The page's Content-Security-Policy: scripts, styles and pictures from the site
    alone, and no connection but to the site and the Git host. Decap compiles its check
    of the configuration into code (ajv), hence 'unsafe-eval'; its styles are set by
    script (emotion), hence 'unsafe-inline' for styles."""
    connect = " ".join(["'self'", *origins])
    return "; ".join(
        [
            "default-src 'self'",
            "script-src 'self' 'unsafe-eval' 'wasm-unsafe-eval'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            f"connect-src {connect}",
            "worker-src 'self' blob:",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
        ]
    )


def shell(config: Config, origins: list[str]) -> bytes:
    """admin/index.html: the page that loads Decap and mus-admin.js."""
    language = config.settings.language
    template = (resources.files("mus_build") / "publish" / "theme" / "admin" / "index.html").read_text(
        "utf-8"
    )
    page = template.format(
        language=language,
        policy=html.escape(policy(origins), quote=False).replace('"', "&quot;"),
        title=html.escape(f"{TITLES[language]} – {config.site.name}"),
        noscript=html.escape(NOSCRIPT[language]),
    )
    return page.encode("utf-8")
