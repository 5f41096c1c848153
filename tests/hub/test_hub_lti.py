"""LMS-login (LTI 1.3): de hub start met ``jupyterhub-ltiauthenticator`` en de loginroutes antwoorden.

Een echte lancering kan offline niet: het id_token wordt gecontroleerd met de JWKS van het LMS.
Deze test controleert wat wel kan: de configuratie uit ``lti:`` in de cursusconfiguratie laadt, de
hub start, ``/hub/lti13/config`` geeft de toolconfiguratie en ``/hub/lti13/oauth_login`` stuurt door
naar het LMS. Draait als root, zoals de hub van make hub.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from hub.opzet import HUB, installeer_proxy

pytestmark = pytest.mark.traag

LMS = "https://brightspace.example.nl"
CLIENT = "11111111-2222-3333-4444-555555555555"


class GeenDoorsturen(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_hub_start_met_lti13_en_de_loginroutes_antwoorden(tmp_path: Path) -> None:
    if os.geteuid() != 0:
        pytest.fail("De hub draait als root (LocalAuthenticator, PAM); start de tests als root zoals in CI.")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        poort = s.getsockname()[1]
    staat = tmp_path / "staat"
    staat.mkdir()
    (staat / "service-token").write_text(secrets.token_hex(16), encoding="utf-8")
    cursus = {
        "hubmap": str(tmp_path),
        "trainers": ["docent"],
        "deelnemers": [],
        "poort": poort,
        "proxy": str(installeer_proxy()),
        "lti": {
            "issuer": LMS,
            "authorize_url": f"{LMS}/d2l/lti/authenticate",
            "jwks_endpoint": f"{LMS}/d2l/.well-known/jwks",
            "client_id": CLIENT,
        },
    }
    (tmp_path / "cursus.json").write_text(json.dumps(cursus), encoding="utf-8")
    omgeving = {k: v for k, v in os.environ.items() if not k.startswith(("JUPYTER", "REGIE_"))}
    omgeving["REGIE_HUB_CURSUS"] = str(tmp_path / "cursus.json")
    omgeving["PATH"] = os.path.dirname(sys.executable) + os.pathsep + omgeving.get("PATH", "")
    log = open(staat / "hub.log", "w", encoding="utf-8")  # noqa: SIM115
    hub = subprocess.Popen(
        [sys.executable, "-m", "jupyterhub", "-f", str(HUB / "jupyterhub_config.py")],
        cwd=staat,
        env=omgeving,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    basis = f"http://127.0.0.1:{poort}/hub"
    try:
        grens = time.monotonic() + 120
        while True:
            assert hub.poll() is None, (staat / "hub.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{basis}/lti13/config", timeout=5) as antwoord:
                    toolconfig = json.load(antwoord)
                break
            except (urllib.error.URLError, ConnectionError):
                assert time.monotonic() < grens, (staat / "hub.log").read_text()[-3000:]
                time.sleep(0.5)
        assert toolconfig["title"] == "Regisseur van de Samenwerking"
        assert toolconfig["oidc_initiation_url"].endswith("/hub/lti13/oauth_login")

        vraag = urllib.parse.urlencode(
            {"iss": LMS, "login_hint": "anna", "target_link_uri": f"http://127.0.0.1:{poort}/hub", "client_id": CLIENT}
        )
        opener = urllib.request.build_opener(GeenDoorsturen)
        with pytest.raises(urllib.error.HTTPError) as doorsturen:
            opener.open(f"{basis}/lti13/oauth_login?{vraag}", timeout=10)
        assert doorsturen.value.code == 302
        doel = doorsturen.value.headers["Location"]
        assert doel.startswith(f"{LMS}/d2l/lti/authenticate?")
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(doel).query)["client_id"] == [CLIENT]
        assert "RegieLTI13Authenticator" in (staat / "hub.log").read_text(encoding="utf-8")
    finally:
        os.killpg(hub.pid, signal.SIGTERM)
        try:
            hub.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(hub.pid, signal.SIGKILL)
            hub.wait()
        log.close()
