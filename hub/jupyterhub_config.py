"""JupyterHub 6.1.1 voor de cursus op één machine: PAM-login en één unix-account per persoon.

Gelezen door ``jupyterhub -f hub/jupyterhub_config.py`` (``make hub``). Wie er is en waar alles staat,
komt uit ``$REGIE_HUB_CURSUS`` (``<hubmap>/cursus.json``, geschreven door ``python -m hub inrichten``).
De functie :func:`instellingen` bouwt de configuratie als gewone dict, zodat een test en de Helm-waarden
dezelfde keuzes kunnen controleren zonder een hub te starten.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

START_TIMEOUT = 180
"""Seconden voor een serverstart: op 2 kernen duurt een start bij 20 gelijktijdige logins ruim 60 s."""
HTTP_TIMEOUT = 120
KERNEL_IDLE = 3600
"""Een kernel die een uur niets doet, stopt (het antwoordbestand staat al op schijf)."""
KERNEL_CONTROLE = 300
SERVER_IDLE = 4 * 3600
"""Een Lab zonder activiteit stopt na vier uur; de hub start hem bij de volgende login opnieuw."""


def lees_cursus() -> dict[str, Any]:
    return json.loads(Path(os.environ["REGIE_HUB_CURSUS"]).read_text(encoding="utf-8"))


def instellingen(cursus: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """De instellingen van de hub per klasse (zoals ``c.Klasse.naam = waarde``)."""
    hubmap = Path(cursus["hubmap"])
    venv = hubmap / "venv"
    staat = hubmap / "staat"
    pad = f"{venv / 'bin'}:/usr/local/bin:/usr/bin:/bin"
    poort = int(cursus.get("poort", 8000))
    return {
        "JupyterHub": {
            "ip": "127.0.0.1",
            "port": poort,
            "hub_ip": "127.0.0.1",
            "hub_port": poort + 1,  # naast de hub: zo kunnen twee cursussen (of een test) naast elkaar draaien
            "db_url": f"sqlite:///{staat / 'jupyterhub.sqlite'}",
            "cookie_secret_file": str(staat / "jupyterhub_cookie_secret"),
            "authenticator_class": "pam",
            "spawner_class": "localprocess",
            "cleanup_servers": False,  # een herstart van de hub stopt niemands werk
            "concurrent_spawn_limit": 50,
        },
        "ConfigurableHTTPProxy": {
            "command": [cursus["proxy"]],
            "pid_file": str(staat / "jupyterhub-proxy.pid"),
            "api_url": f"http://127.0.0.1:{poort + 2}",
        },
        "Authenticator": {
            "allowed_users": set(cursus["deelnemers"]) | set(cursus["trainers"]),
            "admin_users": set(cursus["trainers"]),
        },
        "PAMAuthenticator": {"open_sessions": False},
        "Spawner": {
            "cmd": [str(venv / "bin" / "jupyterhub-singleuser")],
            "default_url": "/lab",
            "notebook_dir": "~",
            "environment": {"PATH": pad, "MPLBACKEND": "Agg", "LANG": "C.UTF-8"},
            "start_timeout": START_TIMEOUT,
            "http_timeout": HTTP_TIMEOUT,
            "args": [
                f"--MappingKernelManager.cull_idle_timeout={KERNEL_IDLE}",
                f"--MappingKernelManager.cull_interval={KERNEL_CONTROLE}",
                f"--ServerApp.shutdown_no_activity_timeout={SERVER_IDLE}",
                "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            ],
        },
    }


def omgeving_voor(gebruiker: str, cursus: dict[str, Any], thuis: str) -> dict[str, str]:
    """Wat een server van ``gebruiker`` extra krijgt: de trainer zijn cohort, een deelnemer de rustige Lab."""
    hubmap = Path(cursus["hubmap"])
    if gebruiker in cursus["trainers"]:
        return {
            "REGIE_COHORT": f"{thuis}/cohort",
            "REGIE_BRON": f"{thuis}/bron",
            "REGIE_EXCHANGE": str(hubmap / "exchange"),
        }
    return {"JUPYTER_CONFIG_PATH": str(hubmap / "deelnemer-config")}


def service(cursus: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Een beheerservice (token alleen voor root) om servers te starten en tokens te maken: tests en metingen."""
    token = (Path(cursus["hubmap"]) / "staat" / "service-token").read_text(encoding="utf-8").strip()
    services = [{"name": "regie-beheer", "api_token": token}]
    rollen = [
        {
            "name": "regie-beheer",
            "services": ["regie-beheer"],
            "scopes": ["admin:users", "admin:servers", "admin:server_state", "tokens", "access:servers", "read:users"],
        }
    ]
    return services, rollen


def pas_toe(c: Any, cursus: dict[str, Any]) -> None:
    """Zet de instellingen op het traitlets-configobject ``c`` van JupyterHub."""
    for klasse, waarden in instellingen(cursus).items():
        for naam, waarde in waarden.items():
            setattr(getattr(c, klasse), naam, waarde)
    c.JupyterHub.services, c.JupyterHub.load_roles = service(cursus)

    def pre_spawn_hook(spawner: Any) -> None:
        import pwd

        thuis = pwd.getpwnam(spawner.user.name).pw_dir
        spawner.environment = {**spawner.environment, **omgeving_voor(spawner.user.name, cursus, thuis)}

    c.Spawner.pre_spawn_hook = pre_spawn_hook
    if cursus.get("lti"):
        from regie_lti import pas_lti_toe  # naast dit bestand: hub/regie_lti.py

        pas_lti_toe(c, cursus["lti"])


if "get_config" in globals():  # alleen als JupyterHub dit bestand inleest
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent))
    pas_toe(get_config(), lees_cursus())  # type: ignore[name-defined]  # noqa: F821
