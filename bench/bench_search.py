"""Search benchmark: 100,000 testimonies and 100,000 persons in one vault.

    nice -n 10 python bench/bench_search.py [--testimonies 100000] [--persons 100000]
                       [--queries 300] [--seed 7] [--keep DIR [--reuse-index]] [--pairs]

``--keep DIR`` keeps the benchmark vault in DIR (made on the first run, reused after, with the
index rebuilt each time); with ``--reuse-index`` a kept, current index is queried as it is (the
query timings only, in a few minutes instead of half an hour). Progress goes to standard error.
``--pairs`` also times the listing of every duplicate pair (minutes at 100,000 persons).

Synthetic, invented data only: testimonies of about 1 KB in Russian, Kazakh or English made
of sentences drawn from a pool per language (sentences of a Zipf-like mix of common words and
made-up words), with fresh made-up words in each text so that the vocabulary keeps a long tail;
persons with a primary name in Cyrillic and spellings of it in other scripts and
romanisations. Records are bulk-inserted in one transaction without audit entries or change
hooks (their building is not what is measured); then the whole index is built with the code the
change hook uses (``search_index.rebuild``), and queries run through ``SearchService`` and
``find_duplicates`` as the front ends call them (labels and snippets included).

Reported: index build time, the store's size without and with the index, the cost of keeping
the index in step on single writes, and p50/p95 latency of full-text queries (words in other
forms, two words, phrases, prefixes, filters), of name queries (another script or
romanisation, often with a typo or swapped order; with how often the person meant is among the
10 hits) and of the duplicates check of a new person. Latency is given as wall-clock time and
as the CPU time of the searching thread: on a shared machine the first grows with the load of
other processes, the second hardly does. Target: p95 below 50 ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import insert  # noqa: E402

from hrcase.domain.models import Case, Person, PersonName, Testimony  # noqa: E402
from hrcase.domain.names import skeleton  # noqa: E402
from hrcase.domain.translit import transliterate  # noqa: E402
from hrcase.services import Services  # noqa: E402
from hrcase.services.duplicates import find_duplicate_pairs, find_duplicates  # noqa: E402
from hrcase.services.search import SearchFilters, SearchService  # noqa: E402
from hrcase.services.search_index import INDEX_TABLES  # noqa: E402
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


def make_sentence(rng: random.Random, lang: str) -> str:
    """One invented sentence of 4–20 words (8 % of them made-up rare words)."""
    out: list[str] = []
    for _ in range(rng.randint(4, 20)):
        if rng.random() < 0.08:
            word = rare_word(rng, lang != "en")
        elif lang == "ru":
            word = zipf_pick(rng, RU_WORDS)
        elif lang == "kk":
            word = zipf_pick(rng, KK_STEMS) + rng.choice(KK_SUFFIXES)
        else:
            word = zipf_pick(rng, EN_WORDS)
        if out and rng.random() < 0.05:
            word += ","
        out.append(word)
    sentence = " ".join(out).rstrip(",")
    return sentence[:1].upper() + sentence[1:] + "."


class TextMaker:
    """Testimony-like texts, fast: sentences drawn from a pool per language, with a few fresh
    rare words in each text so that the vocabulary keeps a long tail of words seen once."""

    POOL = 5000

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.pools = {lang: [make_sentence(rng, lang) for _ in range(self.POOL)]
                      for lang in ("ru", "kk", "en")}

    def __call__(self, lang: str, size: int = 1000) -> str:
        rng, pool = self.rng, self.pools[lang]
        out: list[str] = []
        length = 0
        while length < size:
            sentence = rng.choice(pool)
            if rng.random() < 0.3:
                sentence = f"{rare_word(rng, lang != 'en')} {sentence}"
            out.append(sentence)
            length += len(sentence) + 1
        return " ".join(out)


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


def _rows(model: type[Any], count: int, start: dt.datetime, **fixed: Any
          ) -> list[dict[str, Any]]:
    """``count`` rows of ``model``: one validated template with fresh ids and increasing
    change times (the index orders texts by them), cheaper than a model object per row."""
    template = model(**fixed).model_dump()
    step = dt.timedelta(microseconds=1)
    rows = []
    for i in range(count):
        when = start + i * step
        rows.append({**template, "id": str(uuid.uuid4()), "created_at": when, "updated_at": when})
    return rows


def fill(vault: Vault, rng: random.Random, testimonies: int, persons: int
         ) -> tuple[list[tuple[str, list[str]]], list[str], list[str]]:
    """Bulk-insert the synthetic records in one transaction, without audit entries or change
    hooks (the index is rebuilt afterwards by the app's code); returns person names, some
    testimony texts and the case ids."""
    names_of: list[tuple[str, list[str]]] = []
    texts: list[str] = []
    start = dt.datetime.now(dt.timezone.utc)
    make_text = TextMaker(rng)
    with vault.writing() as session:
        cases = _rows(Case, 200, start, country="KZ")
        for i, case in enumerate(cases):
            case["title"] = {"ru": f"Дело {i}", "en": f"Case {i}"}
        session.execute(insert(Case), cases)
        case_ids = [c["id"] for c in cases]
        person_ids: list[str] = []
        for first in range(0, persons, 5000):
            people = _rows(Person, min(5000, persons - first), start)
            names = []
            for person in people:
                person["birth"] = str(rng.randint(1940, 2005))
                full = f"{make_surname(rng)} {rng.choice(GIVEN)}"
                variants = spellings(rng, full)
                names_of.append((person["id"], [text for text, _script in variants]))
                for k, (text, script) in enumerate(variants):
                    names.append((person["id"], text, script,
                                  "primary" if k == 0 else "transliteration"))
            name_rows = _rows(PersonName, len(names), start, person_id="", text="")
            for row, (person_id, text, script, kind) in zip(name_rows, names):
                row.update(person_id=person_id, text=text, script=script, kind=kind,
                           skeleton=skeleton(text))
            session.execute(insert(Person), people)
            session.execute(insert(PersonName), name_rows)
            person_ids += [p["id"] for p in people[:1000]]
        for first in range(0, testimonies, 5000):
            batch = _rows(Testimony, min(5000, testimonies - first),
                          start + dt.timedelta(seconds=1 + first), case_id="")
            for row in batch:
                lang = rng.choices(["ru", "kk", "en"], [5, 3, 2])[0]
                text = make_text(lang)
                if len(texts) < 5000:
                    texts.append(text)
                year = rng.randint(2005, 2024)
                row.update(case_id=rng.choice(case_ids), language=lang,
                           interviewee_id=rng.choice(person_ids),
                           date=f"{year}-{rng.randint(1, 12):02d}",
                           title=" ".join(text.split()[:6]), text=text)
            session.execute(insert(Testimony), batch)
            progress(f"  {first + len(batch):,} testimonies")
    return names_of, texts, case_ids


def regenerate(vault: Vault, rng: random.Random, testimonies: int
               ) -> tuple[list[tuple[str, list[str]]], list[str], list[str]]:
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
    return list(names.items()), texts, case_ids


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


def name_queries(rng: random.Random, names_of: list[tuple[str, list[str]]], count: int
                 ) -> list[tuple[str, str]]:
    """(person id, query): a person's name in another spelling, often with a typo or swapped."""
    out = []
    for _ in range(count):
        person_id, variants = rng.choice(names_of)
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
        out.append((person_id, query))
    return out


def timings(action: Callable[[str], Any], queries: list[str]) -> tuple[list[float], list[float]]:
    """Milliseconds per query: wall-clock, and CPU time of this thread (which the load of
    other processes on the machine hardly changes)."""
    wall, cpu = [], []
    for query in queries:
        start, start_cpu = time.perf_counter(), time.thread_time()
        action(query)
        cpu.append((time.thread_time() - start_cpu) * 1000)
        wall.append((time.perf_counter() - start) * 1000)
    return wall, cpu


def pct(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def progress(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


Rows = list[tuple[str, str]]


def latency(rows: Rows, label: str, measured: tuple[list[float], list[float]]) -> None:
    """A row of p50 / p95: wall-clock, and CPU time in brackets."""
    wall, cpu = measured
    rows.append((label, f"{pct(wall, 50):6.1f} / {pct(wall, 95):6.1f} ms   "
                        f"(cpu {pct(cpu, 50):5.1f} / {pct(cpu, 95):5.1f})"))


def build_index(vault: Vault, search: SearchService, rows: Rows) -> None:
    """Empty the index, measure the store, rebuild the index with the app's code, measure."""
    with vault.writing() as session:
        for table in INDEX_TABLES:
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
    rows.extend([("texts indexed", f"{docs:,}"),
                 ("index build (all records)", f"{build:.1f} s"),
                 ("store without index", f"{without / 2**20:.0f} MiB"),
                 ("store with index", f"{with_index / 2**20:.0f} MiB "
                                      f"(+{(with_index - without) / without:.0%})")])


def single_writes(services: Services, rng: random.Random, case_id: str, rows: Rows) -> None:
    """The cost of keeping the index in step: one testimony written with and without hooks."""
    progress("single writes")
    make_text = TextMaker(rng)
    sample = [make_text(rng.choice(["ru", "kk", "en"])) for _ in range(30)]
    plain = Services(services.vault, "bench")
    plain.records.hooks = []
    took = []
    for writer in (services, plain):
        start = time.perf_counter()
        for text in sample:
            writer.records.create("testimony", {"case_id": case_id, "text": text,
                                                "language": "ru"})
        took.append((time.perf_counter() - start) / len(sample) * 1000)
    rows.append(("one 1 KB testimony written, with / without index",
                 f"{took[0]:.1f} / {took[1]:.1f} ms"))


def text_searches(search: SearchService, rng: random.Random, texts: list[str],
                  case_ids: list[str], count: int, rows: Rows) -> None:
    progress("full-text queries")
    queries = text_queries(rng, texts, count)
    search.search(queries[0][1], limit=20)  # warm the page cache
    wall, cpu = timings(lambda q: search.search(q, limit=20), [q for _l, q in queries])
    latency(rows, "full-text search (20 hits, snippets) p50 / p95", (wall, cpu))
    by_label: dict[str, tuple[list[float], list[float]]] = {}
    for (label, _q), ms, cpu_ms in zip(queries, wall, cpu):
        entry = by_label.setdefault(label, ([], []))
        entry[0].append(ms)
        entry[1].append(cpu_ms)
    for label, measured in by_label.items():
        latency(rows, f"  {label}", measured)
    filters = [("case", SearchFilters(case_ids=(rng.choice(case_ids),))),
               ("language + dates", SearchFilters(languages=("ru",), date_from="2011",
                                                  date_to="2012-06")),
               ("kind + role", SearchFilters(kinds=("testimony",), roles=("victim",)))]
    for label, chosen in filters:
        latency(rows, f"  filter: {label}",
                timings(lambda q, f=chosen: search.search(q, limit=20, filters=f),
                        [q for _l, q in queries[:count // 3]]))


def name_searches(services: Services, search: SearchService, rng: random.Random,
                  names_of: list[tuple[str, list[str]]], count: int, rows: Rows) -> None:
    progress("name queries")
    wanted = name_queries(rng, names_of, count)
    person_of = dict((query, person_id) for person_id, query in wanted)
    names = [query for _person_id, query in wanted]
    found = [0]

    def by_name(query: str) -> None:
        if person_of[query] in {hit.id for hit in search.search_persons(query, limit=10)}:
            found[0] += 1

    latency(rows, "name search (persons, 10 hits) p50 / p95", timings(by_name, names))
    rows.append(("  the person among the 10 hits", f"{found[0]} of {len(names)}"))
    latency(rows, "name as a general search (names + texts)",
            timings(lambda q: search.search(q, limit=20), names[:count // 3]))
    progress("duplicates of one person")
    drafts = [rng.choice(rng.choice(names_of)[1]) for _ in range(count // 3)]
    latency(rows, "duplicates of a new person (name + birth)",
            timings(lambda q: find_duplicates(services, names=[q], birth="1980"), drafts))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--testimonies", type=int, default=100_000)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--keep", type=Path, help="keep (and reuse) the benchmark vault here")
    parser.add_argument("--reuse-index", action="store_true",
                        help="with --keep: query the kept index without rebuilding it")
    parser.add_argument("--pairs", action="store_true",
                        help="also time the listing of every duplicate pair (slow)")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    rows: Rows = []
    load = os.getloadavg()
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
                rows.append(("records inserted (bulk, one transaction, no audit)",
                             f"{time.perf_counter() - start:.1f} s"))
            if not (reuse and args.reuse_index and search.index_is_current()):
                build_index(vault, search, rows)
                single_writes(services, rng, case_ids[0], rows)
            load = max(load, os.getloadavg())
            text_searches(search, rng, texts, case_ids, args.queries, rows)
            name_searches(services, search, rng, names_of, args.queries, rows)
            if args.pairs:
                progress("duplicate pairs")
                start = time.perf_counter()
                pairs = find_duplicate_pairs(services)
                took = time.perf_counter() - start
                rows.append(("duplicate pairs over all persons",
                             f"{len(pairs):,} in {took:.1f} s"))
        finally:
            vault.close()
    width = max(len(label) for label, _v in rows)
    print(f"{'measure'.ljust(width)}  value (wall-clock; cpu = this thread's CPU time)")
    print(f"{'-' * width}  {'-' * 40}")
    for label, value in rows:
        print(f"{label.ljust(width)}  {value}")
    end_load = os.getloadavg()
    print(f"({args.testimonies:,} testimonies, {args.persons:,} persons, "
          f"{statistics.mean(len(t) for t in texts):.0f} characters per testimony; "
          f"load average {load[0]:.1f} at the start, {end_load[0]:.1f} at the end)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
