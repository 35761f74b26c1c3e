"""Search benchmark: 100,000 testimonies and 100,000 persons in one vault.

    python bench/bench_search.py [--testimonies 100000] [--persons 100000] [--queries 300]
                                 [--keep DIR]

``--keep DIR`` keeps the benchmark vault in DIR (made on the first run, reused after, with the
index rebuilt each time); progress goes to standard error.

Synthetic, invented data only: testimonies of about 1 KB in Russian, Kazakh or English made
from word lists (a Zipf-like mix of common words and a long tail of made-up words), persons
with a primary name in Cyrillic and spellings of it in other scripts and romanisations. Records
are written with bulk inserts (their building is not what is measured); then the whole index is
built with the same code the change hook uses (``search_index.rebuild``), and queries run
through ``SearchService`` as the front ends call it (labels and snippets included).

Reported: index build time, the store's size without and with the index, the cost of keeping
the index in step on single writes, and p50/p95 latency of full-text queries (words in other
forms, two words, phrases, prefixes, filters) and of name queries (another script or
romanisation, often with a typo or swapped order). Target: p95 below 50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from hrcase.domain.models import Case, Person, PersonName, Testimony  # noqa: E402
from hrcase.domain.names import skeleton  # noqa: E402
from hrcase.domain.translit import transliterate  # noqa: E402
from hrcase.services import Services  # noqa: E402
from hrcase.services.search import SearchFilters, SearchService  # noqa: E402
from hrcase.vault import Vault  # noqa: E402
from hrcase.vault.keyslots import KdfParams  # noqa: E402
from hrcase.vault.layout import STORE_FILE  # noqa: E402

PASSPHRASE = "benchmark passphrase"

RU_WORDS = """меня его её их нас они она он мы я ты вы это что как когда где потом после
перед через около затем снова уже ещё очень только даже тоже были был была было будет есть
задержали задержан задержание задержания задержанного полиция полиции полицейские полицейский
сотрудники сотрудник следователь следователя следователи допрос допроса допрашивали допросе
избили избит избиение избиения избивали били бить удар удары ударил ударов пытки пыток пытали
пытать пытка противогаз пакет пакетом током электрошок наручники наручниках камера камере
изолятор изоляторе СИЗО ИВС отдел отделе отделение отделении прокурор прокуратура прокуратуру
суд суда судья адвокат адвоката адвокату жалоба жалобу жалобы заявление заявления признание
признания подписал подписать подписи угрожали угрозы угрожал семье семья родственники мать
отец брат сестра жена дети сын дочь врач врача экспертиза экспертизы травмы травм синяки
перелом переломы ребра голова голове спина ноги руки ночь ночью утром днём дня дней неделю
месяц часов часа несколько много долго без воды еды сна пищи лекарств холод холодной жара
город городе область области район районе улице дома домой квартиру машину машине автобус
свидетель свидетели свидетеля показания показал показали протокол протокола обыск обыска
арест ареста арестовали освободили освобождение приговор приговора срок лет года год""".split()

KK_STEMS = """мен сен ол біз сіз олар бұл сол қамау қамауға ұстау ұстады полиция полицей
тергеуші тергеу сұрақ сұрады ұрды ұру соққы азаптау азаптады қорқыту қорқытты отбасы ана
әке бала балалар аға әпке іні қарындас әйел күйеу дәрігер сараптама жарақат сынық бас
арқа аяқ қол түн түнде таңертең күн күндер апта ай сағат көп ұзақ сусыз тамақсыз ұйқысыз
суық ыстық қала қалада облыс аудан көше үй пәтер көлік куәгер куәлік хаттама тінту тұтқындау
босатты үкім мерзім жыл сот судья адвокат шағым арыз мойындау қол қойды камера изолятор
прокурор бөлім бөлімде қазақ тілі тілінде сөйледі айтты жазды келді кетті алды берді""".split()
KK_SUFFIXES = ["", "", "", "ға", "ге", "да", "де", "дан", "ден", "ның", "нің", "ды", "ді",
               "мен", "ымен", "ы", "і", "лар", "лер", "ларға", "ларды", "ынан"]

EN_WORDS = """i me he she they we you it was were been is are had have has did do not no
the a an and or but then after before during while when where because so very also again
police officer officers detained detention arrested arrest custody cell station station's
interrogation interrogated questioned investigator beaten beating beat hit kicked punched
tortured torture electric shock bag suffocation handcuffs handcuffed threatened threats family
mother father brother sister wife children son daughter doctor medical examination injuries
bruises broken ribs head back legs arms night morning days day week month hours several many
without water food sleep medicine cold heat city town region district street home apartment
car bus witness witnesses statement testimony signed confession lawyer prosecutor complaint
court judge sentence years released release prison colony transferred hospital""".split()

GIVEN = """Рустам Алишер Бахтиёр Тимур Азамат Нурлан Ерлан Данияр Ержан Серик Марат Руслан
Дильшод Фаррух Шерзод Улугбек Жанна Айгуль Гульнара Динара Асель Сауле Мадина Зарина Нигора
Феруза Лола Камила Алия Жанар Асхат Бауыржан Қайрат Әлібек Ғалым Нұрсұлтан Айбек Олжас
Иван Сергей Андрей Алексей Дмитрий Ольга Елена Наталья Татьяна Ирина Юрий Вадим Игорь
Ислам Ильяс Юсуф Тоҳир Хуршид Жасур Шохрух Акмал Илхом Мухаммад Абдулла Аброр Отабек""".split()
SURNAME_ROOTS = """Холбо Рахмат Исмаил Юсуп Касым Нурлан Ахмед Тохир Каримо Усмано Абдулла
Жумабе Сейткали Ермеко Тулегено Байжано Омаро Сулеймано Мамыто Искако Жакупо Кенжебае
Садыко Есенгали Мусабе Бекмухамбето Турсуно Эргаше Рашидо Хамидо Назаро Юлдаше Саидо
Хасано Алимо Шарипо Мирзае Рустамо Нарымбето Темирбе Досмухамбето Утепо Жаксылыко""".split()
SYLLABLES = ["ка", "ра", "ма", "ту", "зы", "бе", "ке", "да", "но", "си", "лы", "жа", "та",
             "бо", "ли", "ну", "ге", "ша", "ча", "ха", "ди", "мо", "ру", "са"]
SURNAME_ENDS = ["в", "ва", "ев", "ева", "бов", "бова", "уллин", "ұлы", "кызы", "дов", "тов"]


def zipf_pick(rng: random.Random, words: list[str]) -> str:
    """A word, the first ones far more often (rank r with probability about 1/r)."""
    n = len(words)
    return words[min(n - 1, max(0, int(n ** rng.random()) - 1))]


def rare_word(rng: random.Random, cyrillic: bool) -> str:
    word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
    return word if cyrillic else transliterate(word, "ru", "Latn")


def make_text(rng: random.Random, lang: str, size: int = 1000) -> str:
    """About ``size`` characters of invented testimony-like text."""
    out: list[str] = []
    length = 0
    while length < size:
        if rng.random() < 0.08:
            word = rare_word(rng, lang != "en")
        elif lang == "ru":
            word = zipf_pick(rng, RU_WORDS)
        elif lang == "kk":
            word = zipf_pick(rng, KK_STEMS) + rng.choice(KK_SUFFIXES)
        else:
            word = zipf_pick(rng, EN_WORDS)
        if not out or out[-1].endswith("."):
            word = word[:1].upper() + word[1:]
        if rng.random() < 0.08:
            word += "."
        elif rng.random() < 0.05:
            word += ","
        out.append(word)
        length += len(word) + 1
    return " ".join(out) + "."


def make_surname(rng: random.Random) -> str:
    root = rng.choice(SURNAME_ROOTS)
    if rng.random() < 0.7:
        root += "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(0, 2)))
    return root + rng.choice(SURNAME_ENDS)


def spellings(rng: random.Random, name: str) -> list[tuple[str, str]]:
    """The Cyrillic name and 0–2 romanisations of it: (text, script)."""
    lang = "kk" if any(c in "әғқңөұүһі" for c in name.lower()) else "ru"
    out = [(name, "Cyrl")]
    systems = ["icao", "bgn"] if lang == "ru" else ["kk2021", "icao"]
    for system in rng.sample(systems, rng.randint(0, 2)):
        out.append((transliterate(name, lang, "Latn", system), "Latn"))
    return out


def typo(rng: random.Random, text: str) -> str:
    """One letter dropped, doubled or replaced (not the first letter of a word)."""
    positions = [i for i in range(1, len(text)) if text[i].isalpha() and text[i - 1].isalpha()]
    if not positions:
        return text
    i = rng.choice(positions)
    action = rng.randrange(3)
    if action == 0:
        return text[:i] + text[i + 1:]
    if action == 1:
        return text[:i] + text[i] + text[i:]
    return text[:i] + rng.choice("aeiouаеиоу") + text[i + 1:]


def fill(vault: Vault, rng: random.Random, testimonies: int, persons: int
         ) -> tuple[list[list[str]], list[str], list[str]]:
    """Bulk-insert the synthetic records; returns person names, testimony texts, case ids."""
    names_of: list[list[str]] = []
    texts: list[str] = []
    with vault.writing() as session:
        cases = [Case(title={"ru": f"Дело {i}", "en": f"Case {i}"}, country="KZ")
                 for i in range(200)]
        session.execute(insert(Case), [c.model_dump() for c in cases])
        case_ids = [c.id for c in cases]
        for first in range(0, persons, 5000):
            people, rows = [], []
            for _ in range(first, min(first + 5000, persons)):
                person = Person(birth=str(rng.randint(1940, 2005)))
                people.append(person.model_dump())
                full = f"{make_surname(rng)} {rng.choice(GIVEN)}"
                variants = spellings(rng, full)
                names_of.append([text for text, _script in variants])
                for k, (text, script) in enumerate(variants):
                    rows.append(PersonName(person_id=person.id, text=text, script=script,
                                           kind="primary" if k == 0 else "transliteration",
                                           skeleton=skeleton(text)).model_dump())
            session.execute(insert(Person), people)
            session.execute(insert(PersonName), rows)
        person_ids = [row[0] for row in session.connection().exec_driver_sql(
            "SELECT id FROM person LIMIT 20000")]
        for first in range(0, testimonies, 2000):
            batch = []
            for _ in range(first, min(first + 2000, testimonies)):
                lang = rng.choices(["ru", "kk", "en"], [5, 3, 2])[0]
                text = make_text(rng, lang)
                texts.append(text)
                year = rng.randint(2005, 2024)
                batch.append(Testimony(case_id=rng.choice(case_ids), language=lang,
                                       interviewee_id=rng.choice(person_ids),
                                       date=f"{year}-{rng.randint(1, 12):02d}",
                                       title=" ".join(text.split()[:6]), text=text).model_dump())
            session.execute(insert(Testimony), batch)
    return names_of, texts, case_ids


def regenerate(vault: Vault, rng: random.Random, testimonies: int
               ) -> tuple[list[list[str]], list[str], list[str]]:
    """Names, texts and case ids of a kept benchmark vault (for making queries)."""
    with vault.reading() as session:
        conn = session.connection()
        texts = [row[0] for row in conn.exec_driver_sql(
            "SELECT text FROM testimony LIMIT ?", (min(testimonies, 5000),))]
        case_ids = [row[0] for row in conn.exec_driver_sql("SELECT id FROM \"case\"")]
        names: dict[str, list[str]] = {}
        for person_id, text in conn.exec_driver_sql(
                "SELECT person_id, text FROM person_name ORDER BY person_id, kind "
                "LIMIT 30000"):
            names.setdefault(person_id, []).append(text)
    return list(names.values()), texts, case_ids


def store_size(vault: Vault) -> int:
    with vault.engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    return (vault.path / STORE_FILE).stat().st_size


def text_queries(rng: random.Random, texts: list[str], count: int) -> list[tuple[str, str]]:
    """(label, query) pairs of the kinds researchers type."""
    forms = ["избиение", "избивали", "задержание", "допрашивали", "пыток", "противогазом",
             "угрозы", "экспертизу", "признания", "адвокату", "прокуратуру", "изолятора"]
    kk = ["қамау", "тергеуші", "азаптау", "куәгер", "сараптама", "жарақат", "тінту", "шағым"]
    en = ["tortured", "beatings", "interrogations", "threatening", "confessions", "handcuffed",
          "witnesses", "prosecutors"]
    queries = []
    for i in range(count):
        kind = i % 8
        words = rng.choice(texts).replace(".", "").replace(",", "").split()
        if kind == 0:
            queries.append(("ru word form", rng.choice(forms)))
        elif kind == 1:
            queries.append(("kk word form", rng.choice(kk)))
        elif kind == 2:
            queries.append(("en word form", rng.choice(en)))
        elif kind == 3:
            queries.append(("two words", f"{rng.choice(forms)} {rng.choice(RU_WORDS[40:])}"))
        elif kind == 4:
            j = rng.randrange(max(1, len(words) - 3))
            queries.append(("phrase", f'"{" ".join(words[j:j + 3])}"'))
        elif kind == 5:
            queries.append(("rare word", rare_word(rng, True)))
        elif kind == 6:
            queries.append(("prefix*", rng.choice(RU_WORDS[40:])[:5] + "*"))
        else:
            queries.append(("word -word", f"{rng.choice(forms)} -{rng.choice(RU_WORDS[40:])}"))
    return queries


def name_queries(rng: random.Random, names_of: list[list[str]], count: int) -> list[str]:
    out = []
    for _ in range(count):
        variants = rng.choice(names_of)
        name = variants[0]
        lang = "kk" if any(c in "әғқңөұүһі" for c in name.lower()) else "ru"
        system = rng.choice(["icao", "bgn", "uz"] if lang == "ru" else ["kk2021", "icao"])
        if system == "uz":
            query = transliterate(name, "uz", "Latn", "uz")
        else:
            query = rng.choice([name, transliterate(name, lang, "Latn", system)])
        if rng.random() < 0.5:
            query = typo(rng, query)
        if rng.random() < 0.5:
            query = " ".join(reversed(query.split()))
        out.append(query)
    return out


def timings(action: Callable[[str], Any], queries: list[str]) -> list[float]:
    out = []
    for query in queries:
        start = time.perf_counter()
        action(query)
        out.append((time.perf_counter() - start) * 1000)
    return out


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--testimonies", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the benchmark vault here")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:  # benchmark data is synthetic
        path = (args.keep or Path(tmp)) / "bench.hrcase"
        reuse = path.exists()
        if reuse:
            vault = Vault.open(path, PASSPHRASE)
        else:
            vault, _recovery = Vault.create(path, PASSPHRASE,
                                            KdfParams(memory_kib=65536, iterations=3, lanes=4))
        try:
            services = Services(vault, "bench")
            search = SearchService(services)
            start = time.perf_counter()
            progress("making records" + (" (reused: regenerating the word lists only)"
                                         if reuse else ""))
            if reuse:
                names_of, texts, case_ids = regenerate(vault, rng, args.testimonies)
            else:
                names_of, texts, case_ids = fill(vault, rng, args.testimonies, args.persons)
                rows.append(("records inserted (bulk, not measured further)",
                             f"{time.perf_counter() - start:.1f} s"))
            with vault.writing() as session:
                for table in ("search_fts", "search_doc", "search_date", "search_name_key",
                              "search_name"):
                    session.connection().exec_driver_sql(f"DELETE FROM {table}")
            raw = vault.engine.raw_connection()
            try:
                raw.driver_connection.execute("VACUUM")
            finally:
                raw.close()
            without = store_size(vault)
            progress("building the index")
            start = time.perf_counter()
            docs = search.rebuild_index()
            build = time.perf_counter() - start
            with_index = store_size(vault)
            rows += [("texts indexed", f"{docs:,}"),
                     ("index build (all records)", f"{build:.1f} s"),
                     ("store without index", f"{without / 2**20:.0f} MiB"),
                     ("store with index", f"{with_index / 2**20:.0f} MiB "
                                          f"(+{(with_index - without) / without:.0%})")]
            progress("single writes")
            sample = [make_text(rng, rng.choice(["ru", "kk", "en"])) for _ in range(50)]
            start = time.perf_counter()
            for text in sample:
                services.records.create("testimony", {"case_id": case_ids[0], "text": text,
                                                      "language": "ru"})
            hooked = (time.perf_counter() - start) / len(sample) * 1000
            plain = Services(vault, "bench")
            plain.records.hooks = []
            start = time.perf_counter()
            for text in sample:
                plain.records.create("testimony", {"case_id": case_ids[0], "text": text,
                                                   "language": "ru"})
            unhooked = (time.perf_counter() - start) / len(sample) * 1000
            rows.append(("one 1 KB testimony written, with / without index",
                         f"{hooked:.1f} / {unhooked:.1f} ms"))

            progress("full-text queries")
            queries = text_queries(rng, texts, args.queries)
            search.search(queries[0][1], limit=20)  # warm the page cache
            times = timings(lambda q: search.search(q, limit=20), [q for _l, q in queries])
            rows.append(("full-text search (20 hits, snippets) p50 / p95",
                         f"{pct(times, 50):.1f} / {pct(times, 95):.1f} ms"))
            by_label: dict[str, list[float]] = {}
            for (label, _q), ms in zip(queries, times):
                by_label.setdefault(label, []).append(ms)
            for label, values in by_label.items():
                rows.append((f"  {label}", f"{pct(values, 50):.1f} / {pct(values, 95):.1f} ms"))
            filters = [SearchFilters(case_ids=(rng.choice(case_ids),)),
                       SearchFilters(languages=("ru",), date_from="2011", date_to="2012-06"),
                       SearchFilters(kinds=("testimony",), roles=("victim",))]
            filtered = timings(lambda q: search.search(q, limit=20, filters=rng.choice(filters)),
                               [q for _l, q in queries[:100]])
            rows.append(("  with filters (case / language+dates / kind+role)",
                         f"{pct(filtered, 50):.1f} / {pct(filtered, 95):.1f} ms"))

            progress("name queries")
            names = name_queries(rng, names_of, args.queries)
            found = [0]

            def by_name(query: str) -> None:
                if search.search_persons(query, limit=10):
                    found[0] += 1

            name_times = timings(by_name, names)
            rows.append(("name search (persons, 10 hits) p50 / p95",
                         f"{pct(name_times, 50):.1f} / {pct(name_times, 95):.1f} ms"))
            rows.append(("  name queries with a match", f"{found[0]} of {len(names)}"))
            mixed = timings(lambda q: search.search(q, limit=20), names[:100])
            rows.append(("name as a general search (names + texts) p50 / p95",
                         f"{pct(mixed, 50):.1f} / {pct(mixed, 95):.1f} ms"))
            from hrcase.services.duplicates import find_duplicate_pairs

            progress("duplicate pairs")
            start = time.perf_counter()
            pairs = find_duplicate_pairs(services)
            took = time.perf_counter() - start
            rows.append(("duplicate pairs over all persons", f"{len(pairs):,} in {took:.1f} s"))
        finally:
            vault.close()
    width = max(len(label) for label, _v in rows)
    print(f"{'measure'.ljust(width)}  value")
    print(f"{'-' * width}  {'-' * 24}")
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")
    print(f"({args.testimonies:,} testimonies, {args.persons:,} persons, "
          f"{statistics.mean(len(t) for t in texts):.0f} characters per testimony)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
