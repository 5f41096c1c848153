"""LMS-login met LTI 1.3 (Brightspace, Canvas, Moodle) via ``jupyterhub-ltiauthenticator``.

Waarom een eigen klasse: ``LTI13Authenticator`` is geen ``LocalAuthenticator``, maar nbgrader en
LocalProcessSpawner hebben per persoon een unix-account nodig. De gebruikersnaam uit het LMS wordt
met :func:`hub.opzet.geldige_naam` een geldige unix-naam en deelnemer-id (een e-mailadres of een
UUID uit privacymodus is dat niet). Zet in het LMS een eigen parameter ``uname=$User.username``.
"""

from __future__ import annotations

from typing import Any

from jupyterhub.auth import LocalAuthenticator
from ltiauthenticator.lti13.auth import LTI13Authenticator

try:  # zo leest JupyterHub dit bestand (hub/ staat in sys.path)
    from opzet import geldige_naam
except ImportError:  # zo importeren de tests het
    from hub.opzet import geldige_naam

VERPLICHT = ("issuer", "authorize_url", "jwks_endpoint", "client_id")


class RegieLTI13Authenticator(LocalAuthenticator, LTI13Authenticator):
    """LTI 1.3-login op een unix-account; de naam uit het LMS wordt een geldige accountnaam."""

    def normalize_username(self, username: str) -> str:
        return geldige_naam(super().normalize_username(username))


def pas_lti_toe(c: Any, lti: dict[str, Any]) -> None:
    """Zet de LTI-instellingen uit het ``lti:``-blok van de cursusconfiguratie."""
    ontbreekt = [veld for veld in VERPLICHT if not lti.get(veld)]
    if ontbreekt:
        raise ValueError(f"cursusconfiguratie, blok 'lti': vul {', '.join(ontbreekt)} in (zie hub.md).")
    c.JupyterHub.authenticator_class = RegieLTI13Authenticator
    c.RegieLTI13Authenticator.create_system_users = bool(lti.get("maak_accounts", False))
    c.LTI13Authenticator.issuer = lti["issuer"]
    c.LTI13Authenticator.authorize_url = lti["authorize_url"]
    c.LTI13Authenticator.jwks_endpoint = lti["jwks_endpoint"]
    ids = lti["client_id"]
    c.LTI13Authenticator.client_id = set(ids if isinstance(ids, list) else [ids])
    c.LTI13Authenticator.username_key = lti.get("username_key", "custom_uname")
    c.LTI13Authenticator.uri_scheme = lti.get("uri_scheme", "https")
    c.LTI13Authenticator.tool_name = "Regisseur van de Samenwerking"
    c.LTI13Authenticator.tool_description = "Oefenomgeving van de training Regisseur van de Samenwerking"
    # Het LMS bepaalt wie mag starten; wie geen unix-account heeft, komt er niet in (create_system_users=False).
    c.Authenticator.allow_all = True
