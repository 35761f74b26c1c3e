"""Dossier benchmark: build and sign a dossier of 500 testimonies (300+ pages).

    python bench/bench_dossier.py [--testimonies 500] [--lang en]

A throw-away vault (in a temporary folder, removed afterwards) gets five invented cases with
500 testimonies of about 1 KB each in Russian, Kazakh and English, one victim, event and
allegation per testimony, approved English translations for a third of the testimonies, and
some anonymous and pseudonymous persons. The dossier of all five cases is then built for an
internal and a public audience and signed; the table shows build time, pages, pages per
second and signing time (targets on a 2-core machine: build < 10 s, sign < 0.5 s).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlmodel import Session  # noqa: E402

from hrcase.services import Services  # noqa: E402
from hrcase.services.dossier import DossierRequest, build_dossier  # noqa: E402
from hrcase.services.identity_keys import create_identity  # noqa: E402
from hrcase.services.records import insert_record  # noqa: E402
from hrcase.vault import Vault  # noqa: E402

PASSPHRASE = "benchmark passphrase"
CASES = 5
WORDS = {
    "ru": ("задержали сотрудники ОМОН отвезли в отдел полиции где избивали дубинками требовали "
           "подписать признание угрожали родственникам держали без воды и сна адвоката не "
           "пустили в изоляторе медицинскую помощь не оказали жалобу в прокуратуру оставили без "
           "ответа следователь говорил что никто не узнает").split(),
    "kk": ("ұстады полиция қызметкерлері бөлімге апарды таяқпен ұрды мойындауға мәжбүрледі "
           "туыстарына қоқан-лоқы көрсетті ұйықтатпады су бермеді адвокат кіргізбеді "
           "изоляторда дәрігер қарамады прокуратураға шағым жазды жауап болмады тергеуші "
           "ешкім білмейді деді әділет құқық").split(),
    "en": ("officers detained him at the market and drove him to the police station where they "
           "beat him with truncheons demanded that he sign a confession threatened his family "
           "kept him without water or sleep refused a lawyer denied medical care the prosecutor "
           "never answered the complaint the investigator said nobody would ever know").split(),
}
NAMES = [("Серикбаев", "Serikbaev"), ("Жұмабеков", "Zhumabekov"), ("Ахметов", "Akhmetov"),
         ("Қасымов", "Kasymov"), ("Нұрланов", "Nurlanov"), ("Омаров", "Omarov"),
         ("Тұрсынов", "Tursynov"), ("Әлиев", "Aliev"), ("Исаев", "Isaev"), ("Бекова", "Bekova")]
FATHERS = [("Серікұлы", "Serikuly"), ("Болатұлы", "Bolatuly"), ("Маратұлы", "Maratuly"),
           ("Асанұлы", "Asanuly"), ("Ерланұлы", "Erlanuly"), ("Тимурович", "Timurovich"),
           ("Бахтиярович", "Bakhtiyarovich"), ("Рустамович", "Rustamovich"),
           ("Қайратұлы", "Kairatuly"), ("Нұрланұлы", "Nurlanuly")]
GIVEN = [("Ерлан", "Erlan"), ("Асқар", "Askar"), ("Дәурен", "Dauren"), ("Мұрат", "Murat"),
         ("Айгүл", "Aigul"), ("Жанар", "Zhanar"), ("Бақыт", "Bakyt"), ("Ғани", "Gani")]
METHODS = ["beating", "asphyxiation", "forced_postures", "threats_family", "deprivation_sleep",
           "electric_shock", "degradation", "isolation", "deprivation_medical_care"]
ARTICLES = ["cat_1", "cat_2", "cat_3", "cat_12", "cat_13", "cat_15", "cat_16", "iccpr_7"]


def text_of(rng: random.Random, lang: str, size: int = 1000) -> str:
    """About ``size`` characters of invented testimony in ``lang``, in three paragraphs."""
    words = WORDS[lang]
    paragraphs = []
    for _ in range(3):
        sentence: list[str] = []
        while len(" ".join(sentence)) < size // 3:
            sentence.append(rng.choice(words))
        paragraphs.append(" ".join(sentence).capitalize() + ".")
    return "\n\n".join(paragraphs)


def fill(vault: Vault, testimonies: int) -> list[str]:
    """Invented cases with ``testimonies`` testimonies; returns the case ids."""
    rng = random.Random(2014)
    with Session(vault.engine, expire_on_commit=False) as session, session.begin():
        def add(kind: str, data: dict[str, Any]) -> Any:
            return insert_record(session, "bench", kind, data)

        place = add("place", {"name": {"en": "City police station", "ru": "ГОВД",
                                       "kk": "Қалалық полиция"}, "place_type": "police_station"})
        unit = add("organisation", {"name": {"en": "OMON", "ru": "ОМОН", "kk": "ОМОН"},
                                    "org_type": "special_police"})
        cases = [add("case", {"title": {"en": f"Bench case {n}", "ru": f"Дело {n}",
                                        "kk": f"{n}-іс"},
                              "summary": {"en": text_of(rng, "en", 600)}, "country": "KZ"})
                 for n in range(1, CASES + 1)]
        for i in range(testimonies):
            case = cases[i % CASES]
            lang = ("ru", "kk", "en")[i % 3]
            disclosure = "anonymous" if i % 25 == 0 else "pseudonym" if i % 25 == 1 else "named"
            person = add("person", {"sex": "male", "birth": str(1960 + i % 40),
                                    "nationality": "KZ", "disclosure": disclosure,
                                    "pseudonym": f"P{i}" if disclosure == "pseudonym" else ""})
            surname, surname_latin = NAMES[i % len(NAMES)]
            given, given_latin = GIVEN[(i // len(NAMES)) % len(GIVEN)]
            father, father_latin = FATHERS[(i // (len(NAMES) * len(GIVEN))) % len(FATHERS)]
            add("person_name", {"person_id": person.id, "text": f"{surname} {given} {father}",
                                "script": "Cyrl", "language": "kk", "kind": "primary"})
            add("person_name", {"person_id": person.id,
                                "text": f"{surname_latin} {given_latin} {father_latin}",
                                "script": "Latn", "language": "en", "kind": "transliteration"})
            add("case_role", {"case_id": case.id, "person_id": person.id, "role": "victim"})
            year = 2005 + i % 10
            event = add("event", {"case_id": case.id, "event_type": "ill_treatment",
                                  "title": {"en": f"Ill-treatment {i}"},
                                  "start": f"{year}-{1 + i % 12:02d}", "place_id": place.id,
                                  "description": text_of(rng, lang, 200), "language": lang})
            allegation = add("allegation", {
                "case_id": case.id, "victim_id": person.id, "event_id": event.id,
                "place_id": place.id, "date": f"{year}-{1 + i % 12:02d}",
                "methods": rng.sample(METHODS, 3), "articles": rng.sample(ARTICLES, 2),
                "description": text_of(rng, lang, 240), "language": lang})
            add("perpetrator", {"allegation_id": allegation.id, "organisation_id": unit.id})
            testimony = add("testimony", {
                "case_id": case.id, "interviewee_id": person.id, "interviewer": "Bench",
                "date": f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}", "language": lang,
                "consent": ("publish_named", "publish_anonymised", "un_bodies")[i % 3],
                "title": f"Testimony {i}", "text": text_of(rng, lang)})
            if lang != "en" and i % 3 == 1:
                add("translation", {"target_kind": "testimony", "target_id": testimony.id,
                                    "language": "en", "text": text_of(rng, "en"),
                                    "translator": "Bench translator", "status": "approved"})
    return [c.id for c in cases]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--testimonies", type=int, default=500)
    parser.add_argument("--lang", default="en", choices=("en", "ru", "kk"))
    args = parser.parse_args()
    identity = create_identity("Bench Researcher", "Bench Organisation")
    with tempfile.TemporaryDirectory() as folder:
        vault, _recovery = Vault.create(Path(folder) / "bench.hrcase", PASSPHRASE)
        try:
            started = time.perf_counter()
            case_ids = fill(vault, args.testimonies)
            print(f"vault filled with {args.testimonies} testimonies in "
                  f"{time.perf_counter() - started:.1f} s")
            services = Services(vault, "bench")
            rows = []
            for audience in ("internal", "public"):
                out = Path(folder) / f"dossier-{audience}.pdf"
                cpu = time.process_time()
                result = build_dossier(services, DossierRequest(
                    "case", case_ids, args.lang, audience, out, sign=True,
                    organisation="Bench Organisation", author="Bench Researcher",
                    signing_key_pem=identity.signing_key_pem,
                    certificate_pem=identity.certificate_pem))
                cpu = time.process_time() - cpu
                rows.append((audience, result.build_seconds, cpu, result.pages,
                             result.pages / result.build_seconds, result.sign_seconds,
                             result.size / 1e6))
        finally:
            vault.close()
    accelerated = "yes" if rl_accel_loaded() else "no (pip install rl-accel)"
    print(f"ReportLab C accelerator: {accelerated}; load average "
          f"{os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'audience':<10} {'build s':>8} {'cpu s':>6} {'pages':>6} {'pages/s':>8} "
          f"{'sign s':>7} {'MB':>6}")
    for audience, build, cpu, pages, rate, sign, size in rows:
        print(f"{audience:<10} {build:>8.2f} {cpu:>6.2f} {pages:>6d} {rate:>8.1f} {sign:>7.3f} "
              f"{size:>6.2f}")
    print("targets: build < 10 s, sign < 0.5 s (cpu s: build and sign on one core, which is the "
          "wall time on an idle machine)")


def rl_accel_loaded() -> bool:
    """Whether ReportLab uses its C accelerator (the ``rl-accel`` package)."""
    from reportlab.lib import rl_accel

    return not rl_accel.fp_str.__name__.startswith("_py_")


if __name__ == "__main__":
    main()
