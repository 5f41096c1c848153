"""De instellingen van de hub (make hub), de Helm-waarden en het image houden dezelfde keuzes; snel, zonder hub."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from hub.opzet import HUB, NIET_VOOR_DEELNEMERS, Cursus, HubFout, geldige_naam, lees_cursus, vereisten


def hubconfig() -> Any:
    spec = importlib.util.spec_from_file_location("regie_hubconfig", HUB / "jupyterhub_config.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


CURSUS = {
    "hubmap": "/srv/regie-hub",
    "trainers": ["docent"],
    "deelnemers": ["anna", "bram"],
    "poort": 8000,
    "proxy": "/kit/hub/node_modules/.bin/configurable-http-proxy",
}


def test_hub_is_ingesteld_voor_een_cursus_op_twee_kernen() -> None:
    cfg = hubconfig().instellingen(CURSUS)
    assert cfg["JupyterHub"]["ip"] == "127.0.0.1"
    assert cfg["JupyterHub"]["authenticator_class"] == "pam"
    assert cfg["JupyterHub"]["spawner_class"] == "localprocess"
    assert cfg["JupyterHub"]["cleanup_servers"] is False, "een herstart van de hub mag niemands werk stoppen"
    assert cfg["Spawner"]["start_timeout"] >= 120, "20 logins tegelijk duurden op 2 kernen ruim 60 s"
    assert cfg["Spawner"]["cmd"] == ["/srv/regie-hub/venv/bin/jupyterhub-singleuser"]
    assert cfg["Spawner"]["environment"]["PATH"].startswith("/srv/regie-hub/venv/bin:"), "alembic via PATH (B2)"
    assert any(a.startswith("--MappingKernelManager.cull_idle_timeout=") for a in cfg["Spawner"]["args"])
    assert cfg["Authenticator"]["admin_users"] == {"docent"}
    assert cfg["Authenticator"]["allowed_users"] == {"docent", "anna", "bram"}


def test_trainer_krijgt_cohort_deelnemer_de_rustige_lab() -> None:
    module = hubconfig()
    trainer = module.omgeving_voor("docent", CURSUS, "/home/docent")
    assert trainer == {
        "REGIE_COHORT": "/home/docent/cohort",
        "REGIE_BRON": "/home/docent/bron",
        "REGIE_EXCHANGE": "/srv/regie-hub/exchange",
    }
    assert module.omgeving_voor("anna", CURSUS, "/home/anna") == {
        "JUPYTER_CONFIG_PATH": "/srv/regie-hub/deelnemer-config"
    }


def test_helm_waarden_houden_de_instellingen_van_de_lokale_hub() -> None:
    """Het schema van de chart is offline niet te krijgen; dus: dezelfde keuzes als hub/jupyterhub_config.py."""
    module = hubconfig()
    lokaal = module.instellingen(CURSUS)
    waarden = yaml.safe_load((HUB / "helm" / "values.yaml").read_text(encoding="utf-8"))
    config = waarden["hub"]["config"]
    assert config["JupyterHub"]["cleanup_servers"] is lokaal["JupyterHub"]["cleanup_servers"]
    for naam in ("default_url", "start_timeout", "http_timeout", "args"):
        assert config["Spawner"][naam] == lokaal["Spawner"][naam], naam
    assert waarden["singleuser"]["startTimeout"] == lokaal["Spawner"]["start_timeout"]
    assert waarden["singleuser"]["defaultUrl"] == lokaal["Spawner"]["default_url"]
    assert waarden["cull"]["enabled"] is True and waarden["cull"]["timeout"] == module.SERVER_IDLE
    assert "JUPYTER_CONFIG_PATH" in waarden["hub"]["extraConfig"]["regie-rollen"]
    compile(waarden["hub"]["extraConfig"]["regie-rollen"], "extraConfig", "exec")
    koppelingen = {m["mountPath"] for m in waarden["singleuser"]["storage"]["extraVolumeMounts"]}
    assert "/srv/nbgrader/exchange" in koppelingen


def test_dockerfile_installeert_de_kit_als_wiel_zonder_bron() -> None:
    """Docker kan hier niet bouwen; het image volgt dezelfde regels als de omgeving van make hub."""
    tekst = (HUB / "Dockerfile").read_text(encoding="utf-8")
    uitgesloten = re.search(r"grep -vE '\^\(([^)]*)\)'", tekst)
    assert uitgesloten, "de Dockerfile filtert requirements.txt niet"
    assert set(uitgesloten.group(1).split("|")) >= {"-", *NIET_VOOR_DEELNEMERS}
    kopieen = [r for r in tekst.splitlines() if r.startswith("COPY")]
    assert not any(re.search(r"\b(notebooks|tests|scripts|bench)\b", r) for r in kopieen), kopieen
    assert "pip install --no-deps /tmp/kit/src" in tekst and "-e " not in tekst
    assert "schrijf_deelnemersconfig" in tekst and "schrijf_overrides" in tekst
    # De formgrader van de trainer: MathJax uit make vendor, met dezelfde code als make hub (geen CDN).
    assert "COPY _vendor/formgrader/mathjax2 " in tekst and "richt_formgrader_in(Path(sys.prefix)" in tekst
    assert "c.Exchange.root = '/srv/nbgrader/exchange'" in tekst


def test_vereisten_van_de_hub_zonder_ontwikkelgereedschap() -> None:
    pakketten = vereisten()
    namen = {re.split(r"[=<>]", p)[0].lower() for p in pakketten}
    assert {"jupyterhub", "jupyterlab", "nbgrader", "jupyterlab-language-pack-nl-nl"} <= namen
    assert not namen & set(NIET_VOOR_DEELNEMERS)
    assert "jupyterhub==6.1.1" in pakketten and not any(p.startswith("-") for p in pakketten)


def test_cursusconfiguratie(tmp_path: Path) -> None:
    pad = tmp_path / "cursus.yml"
    pad.write_text("hubmap: /srv/x\ntrainers: [docent]\ndeelnemers: [anna, bram]\n", encoding="utf-8")
    cursus = lees_cursus(pad)
    assert cursus.iedereen == ["docent", "anna", "bram"] and cursus.exchange == Path("/srv/x/exchange")
    voorbeeld = lees_cursus(HUB / "cursus.voorbeeld.yml")
    assert voorbeeld.trainers and voorbeeld.deelnemers


@pytest.mark.parametrize(
    ("inhoud", "melding"),
    [
        ("trainers: [docent]\ndeelnemers: [Anna]\n", "veld 'deelnemers': 'Anna' is geen geldige accountnaam"),
        ("deelnemers: [anna]\n", "veld 'trainers': noem minstens één trainer"),
        ("trainers: [docent]\ndeelnemers: [docent]\n", "staat dubbel"),
        ("hubmap: srv\ntrainers: [docent]\n", "veld 'hubmap': geef een absoluut pad"),
        ("trainers: [docent\n", "geen geldige YAML"),
    ],
)
def test_cursusconfiguratie_fouten_noemen_bestand_en_veld(tmp_path: Path, inhoud: str, melding: str) -> None:
    pad = tmp_path / "cursus.yml"
    pad.write_text(inhoud, encoding="utf-8")
    with pytest.raises(HubFout, match=re.escape(melding)) as fout:
        lees_cursus(pad)
    assert str(pad) in str(fout.value)


@pytest.mark.parametrize(
    ("lms", "unix"),
    [
        ("Anna.de-Vries@gemeente.nl", "anna-de-vries"),
        ("J. van den Berg", "j-van-den-berg"),
        ("12345", "d12345"),
        ("  Bram  ", "bram"),
        ("é", "d" + __import__("hashlib").sha256("é".encode()).hexdigest()[:8]),
    ],
)
def test_lms_naam_wordt_geldige_accountnaam_en_deelnemer_id(lms: str, unix: str) -> None:
    from samenwerkingscode.cursus.cursusmap import _GEVAARLIJK

    naam = geldige_naam(lms)
    assert naam == unix
    assert re.fullmatch(r"[a-z_][a-z0-9_-]{0,31}", naam) and not _GEVAARLIJK.search(naam)


def test_make_hub_meldt_een_fout_in_de_cursusconfiguratie(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``python -m hub alles CURSUS`` (make hub) stopt met een Nederlandse melding, zonder traceback."""
    from hub.opzet import main

    pad = tmp_path / "groep.yml"
    pad.write_text("trainers: [Docent]\n", encoding="utf-8")
    assert main(["alles", str(pad)]) == 1
    fout = capsys.readouterr().err
    assert fout.startswith("Fout: ") and str(pad) in fout and "Traceback" not in fout


def test_makefile_en_readme_beschrijven_make_hub(project: Path) -> None:
    makefile = (project / "Makefile").read_text(encoding="utf-8")
    # make vendor: MathJax voor de formgrader van de trainer (installeer_omgeving kopieert het naar de hub).
    assert re.search(r"^hub: venv vendor\n\t.*-m hub alles \$\(CURSUS\)", makefile, flags=re.MULTILINE)
    assert "make hub CURSUS=hub/cursus.voorbeeld.yml" in (project / "README.md").read_text(encoding="utf-8")
    assert '"configurable-http-proxy": "5.3.0"' in (HUB / "package.json").read_text(encoding="utf-8")


def _nep_omgeving(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Cursus:
    """Een cursus waarvan de omgeving al bestaat en waarin geen programma echt draait (pip, chmod)."""
    import hub.opzet as opzet

    cursus = Cursus(hubmap=tmp_path / "hub", trainers=["docent"], deelnemers=["anna"])
    (cursus.venv / "bin").mkdir(parents=True)
    (cursus.venv / "bin" / "python").touch()
    (cursus.venv / ".regie-vereisten").write_text("\n".join(vereisten()), encoding="utf-8")
    monkeypatch.setattr(opzet, "_draai", lambda opdracht, **_: None)
    return cursus


def test_make_hub_zet_mathjax_voor_de_formgrader_in_de_omgeving(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """De formgrader van de trainer op de hub laadt MathJax van zijn eigen server, niet van een CDN."""
    import hub.opzet as opzet

    static = tmp_path / "vendor"
    (static / "mathjax2").mkdir(parents=True)
    (static / "mathjax2" / "MathJax.js").write_text("/* MathJax */", encoding="utf-8")
    monkeypatch.setattr(opzet, "FORMGRADER_STATIC", static)
    cursus = _nep_omgeving(tmp_path, monkeypatch)
    opzet.installeer_omgeving(cursus)
    share = cursus.venv / "share"
    assert (share / "jupyter" / "nbconvert" / "templates" / "formgrade" / "mathjax.html.j2").is_file()
    assert (share / "regie" / "formgrader" / "mathjax2" / "MathJax.js").read_text(encoding="utf-8") == "/* MathJax */"
    config = cursus.venv / "etc" / "jupyter" / "jupyter_server_config.json"
    assert json.loads(config.read_text(encoding="utf-8"))["ServerApp"]["extra_static_paths"] == [
        str(share / "regie" / "formgrader")
    ]


def test_make_hub_zonder_make_vendor_meldt_dat(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Zonder ``_vendor/formgrader``: een Nederlandse melding met ``make vendor``, geen hub die een CDN gebruikt."""
    import hub.opzet as opzet

    monkeypatch.setattr(opzet, "FORMGRADER_STATIC", tmp_path / "leeg")
    cursus = _nep_omgeving(tmp_path, monkeypatch)
    with pytest.raises(HubFout, match="make vendor"):
        opzet.installeer_omgeving(cursus)
