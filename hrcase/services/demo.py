"""A demo vault full of invented but realistic case material, in Russian, Kazakh and English.

``build_demo(services)`` fills an open vault through the ordinary services (so every record is
validated, referenced records exist and the audit chain covers the demo too);
``create_demo_vault(path)`` makes a new vault with :data:`DEMO_PASSPHRASE` and fills it. The CLI
command ``hrcase demo`` uses the latter.

Everything here is invented: people, towns, units, case numbers, texts and web addresses (the
addresses use the reserved ``example.org``/``example.net`` domains). The material has the *shape*
of real case files on torture and non-refoulement in Central Asia: several spellings of one name
across scripts, dates such as "late November 2005" or "b. 1981 (approx.)", OMON units and a
temporary detention facility, a communication to the UN Committee against Torture with interim
measures, testimonies with consent levels, translations at different stages.

Two cases:

- **Sarimozor asylum seekers** (non-refoulement): seven men from an invented region of Uzbekistan
  detained in the invented Kazakh city of Beskaiyn on extradition requests; a communication to
  the UN CAT, interim measures, and one extradition in breach of them.
- **Kendyaral, September 2013** (torture in custody): mass arrests after the dispersal of an oil
  workers' protest in the invented town of Kendyaral; beatings, asphyxiation, coerced
  confessions used at trial, and a death after release from custody.

Decisions: one of the translations is deliberately *stale* (its testimony was amended after it
was approved, so ``source_revision`` is behind) to show translators how stale texts look; one
anonymous person is recorded only under a code name, another has a recorded name that is never to
be disclosed. The sketch map attached to a testimony is drawn in memory with Pillow (a dependency
of reportlab) and streamed into the vault: nothing touches the disk unencrypted.
"""

from __future__ import annotations

import io
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hrcase.domain.base import Entity
from hrcase.services import Services
from hrcase.vault import Vault

DEMO_PASSPHRASE = "hrcase-demo-invented-data"
"""The passphrase of demo vaults.

It is PUBLIC: the command line prints it and it is written here in the source. A demo vault holds
only invented data; never put real case material into a vault created with it.
"""

DEMO_RESEARCHER = "Demo researcher"
"""The author recorded for every change the demo makes."""


@dataclass(frozen=True)
class DemoSummary:
    """What ``build_demo`` created: the ids of the two cases and how many records of each kind."""

    extradition_case_id: str
    custody_case_id: str
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def case_ids(self) -> tuple[str, str]:
        """Both case ids: the extradition case first."""
        return self.extradition_case_id, self.custody_case_id

    def count(self, kind: str) -> int:
        """How many records of ``kind`` the demo created."""
        return self.counts.get(kind, 0)


class _Builder:
    """Creates records through the services and remembers them under short keys."""

    def __init__(self, services: Services) -> None:
        self.services = services
        self.ids: dict[str, str] = {}
        self.records: dict[str, Entity] = {}
        self.counts: Counter[str] = Counter()

    def add(self, kind: str, data: dict[str, Any], key: str | None = None) -> Entity:
        record = self.services.records.create(kind, data)
        self.counts[kind] += 1
        if key is not None:
            self.ids[key] = record.id
            self.records[key] = record
        return record

    def ref(self, key: str | None) -> str | None:
        """The id of the record created under ``key`` (None for None)."""
        return self.ids[key] if key is not None else None


# ---------------------------------------------------------------------------------------------
# Places and organisations (parents come before their children)
# ---------------------------------------------------------------------------------------------

_PLACES: tuple[tuple[str, str, str | None, str, dict[str, str]], ...] = (
    # key, place_type, parent key, country, names
    ("pl_region", "other", None, "KZ",
     {"en": "Aksairan Region", "ru": "Аксайранская область", "kk": "Ақсайран облысы"}),
    ("pl_aksairan", "town", "pl_region", "KZ",
     {"en": "Aksairan", "ru": "Аксайран", "kk": "Ақсайран"}),
    ("pl_kendyaral", "town", "pl_region", "KZ",
     {"en": "Kendyaral", "ru": "Кендыарал", "kk": "Кендіарал"}),
    ("pl_square", "other", "pl_kendyaral", "KZ",
     {"en": "Central Square, Kendyaral", "ru": "Центральная площадь, Кендыарал",
      "kk": "Орталық алаң, Кендіарал"}),
    ("pl_govd", "police_station", "pl_kendyaral", "KZ",
     {"en": "Kendyaral City Police Department (GOVD)", "ru": "Кендыаральский ГОВД",
      "kk": "Кендіарал қалалық ішкі істер бөлімі"}),
    ("pl_ivs", "temporary_detention", "pl_govd", "KZ",
     {"en": "Temporary detention facility (IVS) of the Kendyaral GOVD",
      "ru": "ИВС Кендыаральского ГОВД",
      "kk": "Кендіарал ҚІІБ уақытша ұстау изоляторы"}),
    ("pl_hospital", "other", "pl_kendyaral", "KZ",
     {"en": "Kendyaral City Hospital", "ru": "Кендыаральская городская больница",
      "kk": "Кендіарал қалалық ауруханасы"}),
    ("pl_court_kdr", "court", "pl_kendyaral", "KZ",
     {"en": "Kendyaral City Court", "ru": "Кендыаральский городской суд",
      "kk": "Кендіарал қалалық соты"}),
    ("pl_sizo_aks", "pretrial_detention", "pl_aksairan", "KZ",
     {"en": "SIZO No. 1, Aksairan", "ru": "СИЗО № 1, Аксайран",
      "kk": "№ 1 тергеу изоляторы, Ақсайран"}),
    ("pl_ngo_office", "other", "pl_aksairan", "KZ",
     {"en": "Dala Rights Monitor office, Aksairan", "ru": "Офис «Дала», Аксайран",
      "kk": "«Дала» кеңсесі, Ақсайран"}),
    ("pl_beskaiyn", "town", None, "KZ",
     {"en": "Beskaiyn", "ru": "Бескайын", "kk": "Бесқайың"}),
    ("pl_sizo_bsk", "pretrial_detention", "pl_beskaiyn", "KZ",
     {"en": "SIZO No. 3, Beskaiyn", "ru": "СИЗО № 3, Бескайын",
      "kk": "№ 3 тергеу изоляторы, Бесқайың"}),
    ("pl_court_bsk", "court", "pl_beskaiyn", "KZ",
     {"en": "Beskaiyn District Court No. 2", "ru": "Районный суд № 2 г. Бескайын",
      "kk": "Бесқайың қаласының № 2 аудандық соты"}),
    ("pl_border", "border_crossing", None, "KZ",
     {"en": "Zhalankum border crossing (Kazakhstan–Uzbekistan)",
      "ru": "Пункт пропуска «Жаланкум» (Казахстан–Узбекистан)",
      "kk": "«Жалаңқұм» өткізу пункті (Қазақстан–Өзбекстан)"}),
    ("pl_sarimozor", "town", None, "UZ",
     {"en": "Sarimozor", "ru": "Саримазар", "kk": "Сарымазар", "uz": "Sarimozor"}),
    ("pl_uz_police", "police_station", "pl_sarimozor", "UZ",
     {"en": "Sarimozor City Police Department", "ru": "Саримазарский городской отдел милиции",
      "kk": "Сарымазар қалалық милиция бөлімі"}),
)

_ORGANISATIONS: tuple[tuple[str, str, str | None, str, dict[str, str]], ...] = (
    # key, org_type, parent key, country, names
    ("org_cat", "un_body", None, "",
     {"en": "UN Committee against Torture", "ru": "Комитет ООН против пыток",
      "kk": "БҰҰ-ның Азаптауға қарсы комитеті"}),
    ("org_dala", "ngo", None, "KZ",
     {"en": "Dala Rights Monitor", "ru": "Правозащитный мониторинг «Дала»",
      "kk": "«Дала» құқық қорғау мониторингі"}),
    ("org_sji", "ngo", None, "",
     {"en": "Steppe Justice Initiative", "ru": "Инициатива «Правосудие в степи»",
      "kk": "«Даладағы әділдік» бастамасы"}),
    ("org_dvd", "police", None, "KZ",
     {"en": "Aksairan Regional Department of Internal Affairs",
      "ru": "Департамент внутренних дел Аксайранской области",
      "kk": "Ақсайран облысының Ішкі істер департаменті"}),
    ("org_omon", "special_police", "org_dvd", "KZ",
     {"en": "OMON special police unit, Aksairan Regional DIA",
      "ru": "ОМОН ДВД Аксайранской области",
      "kk": "Ақсайран облысы ІІД арнайы мақсаттағы полиция жасағы (ОМОН)"}),
    ("org_govd", "police", "org_dvd", "KZ",
     {"en": "Kendyaral City Police Department (GOVD)",
      "ru": "Кендыаральский городской отдел внутренних дел (ГОВД)",
      "kk": "Кендіарал қалалық ішкі істер бөлімі"}),
    ("org_ivs", "police", "org_govd", "KZ",
     {"en": "Administration of the IVS, Kendyaral GOVD",
      "ru": "Администрация ИВС Кендыаральского ГОВД",
      "kk": "Кендіарал ҚІІБ уақытша ұстау изоляторының әкімшілігі"}),
    ("org_gp", "prosecutor", None, "KZ",
     {"en": "Prosecutor General's Office of Kazakhstan",
      "ru": "Генеральная прокуратура Республики Казахстан",
      "kk": "Қазақстан Республикасының Бас прокуратурасы"}),
    ("org_pr_aks", "prosecutor", "org_gp", "KZ",
     {"en": "Aksairan Regional Prosecutor's Office", "ru": "Прокуратура Аксайранской области",
      "kk": "Ақсайран облысының прокуратурасы"}),
    ("org_pr_kdr", "prosecutor", "org_pr_aks", "KZ",
     {"en": "Kendyaral City Prosecutor's Office", "ru": "Прокуратура г. Кендыарал",
      "kk": "Кендіарал қаласының прокуратурасы"}),
    ("org_pr_bsk", "prosecutor", "org_gp", "KZ",
     {"en": "Beskaiyn City Prosecutor's Office", "ru": "Прокуратура г. Бескайын",
      "kk": "Бесқайың қаласының прокуратурасы"}),
    ("org_penal", "prison_service", None, "KZ",
     {"en": "Penal System Department, Beskaiyn",
      "ru": "Департамент уголовно-исполнительной системы по г. Бескайын",
      "kk": "Бесқайың қаласы бойынша Қылмыстық-атқару жүйесі департаменті"}),
    ("org_sizo", "prison_service", "org_penal", "KZ",
     {"en": "Administration of SIZO No. 3, Beskaiyn", "ru": "Администрация СИЗО № 3 г. Бескайын",
      "kk": "Бесқайың қаласындағы № 3 тергеу изоляторының әкімшілігі"}),
    ("org_court_kdr", "court", None, "KZ",
     {"en": "Kendyaral City Court", "ru": "Кендыаральский городской суд",
      "kk": "Кендіарал қалалық соты"}),
    ("org_uz_pr", "prosecutor", None, "UZ",
     {"en": "Prosecutor's Office of Sarimozor Region (Uzbekistan)",
      "ru": "Прокуратура Саримазарской области (Узбекистан)",
      "kk": "Сарымазар облысының прокуратурасы (Өзбекстан)"}),
    ("org_uz_ss", "security_service", None, "UZ",
     {"en": "Security service, Sarimozor regional department (Uzbekistan)",
      "ru": "Управление службы безопасности по Саримазарской области (Узбекистан)",
      "kk": "Сарымазар облысы бойынша қауіпсіздік қызметі басқармасы (Өзбекстан)"}),
)

# ---------------------------------------------------------------------------------------------
# Cases
# ---------------------------------------------------------------------------------------------

_CASES: tuple[tuple[str, dict[str, Any]], ...] = (
    ("ext", {
        "title": {
            "ru": "Беженцы из Саримазара: угроза экстрадиции в Узбекистан вопреки временным "
                  "мерам Комитета ООН против пыток",
            "kk": "Сарымазардан келген босқындар: БҰҰ-ның Азаптауға қарсы комитетінің уақытша "
                  "шараларына қарамастан Өзбекстанға экстрадициялау қаупі",
            "en": "Sarimozor asylum seekers: extradition to Uzbekistan despite UN CAT interim "
                  "measures",
        },
        "summary": {
            "ru": "Семеро мужчин из Саримазарской области Узбекистана (один из них — гражданин "
                  "Таджикистана), обратившихся за убежищем в Казахстане, задержаны в Бескайыне в "
                  "июне 2014 года по запросам Узбекистана об экстрадиции, в которых им вменяется "
                  "членство в запрещённой религиозной организации. Некоторые рассказывают о "
                  "пытках в Узбекистане до бегства. 17 декабря 2014 года адвокат направила "
                  "сообщение в Комитет ООН против пыток; 21 декабря 2014 года Комитет принял "
                  "временные меры и в апреле 2015 года подтвердил их. Тем не менее 28 июля 2015 "
                  "года один из задержанных был передан Узбекистану на пункте пропуска "
                  "«Жаланкум».",
            "kk": "Өзбекстанның Сарымазар облысынан келіп, Қазақстанда баспана сұраған жеті ер "
                  "адам (оның бірі – Тәжікстан азаматы) 2014 жылғы маусымда Бесқайың қаласында "
                  "Өзбекстанның экстрадиция туралы сұраулары бойынша ұсталды. Сұрауларда оларға "
                  "тыйым салынған діни ұйымға мүше болды деген айып тағылған. Олардың кейбірі "
                  "Өзбекстаннан қашпас бұрын азапталғанын айтады. 2014 жылғы 17 желтоқсанда "
                  "адвокат БҰҰ-ның Азаптауға қарсы комитетіне хабарлама жіберді; Комитет 21 "
                  "желтоқсанда уақытша шаралар қабылдап, 2015 жылғы сәуірде оларды растады. "
                  "Соған қарамастан, 2015 жылғы 28 шілдеде ұсталғандардың бірі «Жалаңқұм» "
                  "өткізу пункті арқылы Өзбекстанға тапсырылды.",
            "en": "Seven men from Sarimozor region of Uzbekistan (one of them a Tajik national) "
                  "who had applied for asylum in Kazakhstan were detained in Beskaiyn in June 2014 "
                  "on Uzbek extradition requests alleging membership of a banned religious "
                  "organisation. Several describe torture in Uzbek custody before they fled. On "
                  "17 December 2014 their lawyer submitted a communication to the UN Committee "
                  "against Torture, which requested interim measures on 21 December 2014 and "
                  "reaffirmed them in April 2015. On 28 July 2015 one of the men was nevertheless "
                  "handed over to Uzbekistan at the Zhalankum border crossing.",
        },
        "original_language": "ru",
        "country": "KZ",
        "status": "submitted",
        "tags": ["non-refoulement", "extradition", "asylum", "interim measures", "Uzbekistan"],
        "confidentiality": "confidential",
    }),
    ("kdr", {
        "title": {
            "ru": "Кендыарал, сентябрь 2013 года: пытки задержанных после разгона протеста",
            "kk": "Кендіарал, 2013 жылғы қыркүйек: наразылық акциясы таратылғаннан кейін "
                  "ұсталғандарды азаптау",
            "en": "Kendyaral, September 2013: torture of detainees after the dispersal of a "
                  "protest",
        },
        "summary": {
            "ru": "7 сентября 2013 года полиция и ОМОН разогнали многомесячный протест "
                  "нефтяников, требовавших выплаты задолженности по зарплате, на центральной "
                  "площади Кендыарала. В следующие дни были задержаны десятки человек. "
                  "Задержанные рассказывают об избиениях в автобусе и в подвале ГОВД, о том, как "
                  "их обливали холодной водой и часами держали на коленях, об удушении пакетом и "
                  "угрозах родственникам с целью получить признания. 52-летний мужчина умер 14 "
                  "сентября от травм, полученных, по всей видимости, под стражей. Признания, "
                  "полученные в первые дни без адвокатов, были использованы в суде над 19 "
                  "подсудимыми; 12 мая 2014 года суд вынес обвинительный приговор. Осуждён лишь "
                  "дежурный ИВС — условно, за халатность.",
            "kk": "2013 жылғы 7 қыркүйекте полиция мен ОМОН Кендіарал қаласының орталық "
                  "алаңында жалақы қарызын төлеуді талап еткен мұнайшылардың бірнеше айға "
                  "созылған наразылығын таратты. Келесі күндері ондаған адам ұсталды. "
                  "Ұсталғандар автобуста және ҚІІБ жертөлесінде ұрып-соққанын, суық су шашып, "
                  "таңға дейін тізерлетіп ұстағанын, пакетпен тұншықтырғанын және мойындату үшін "
                  "туыстарына "
                  "қоқан-лоқы көрсеткенін айтады. 52 жастағы ер адам 14 қыркүйекте қамауда "
                  "алған жарақаттарынан қайтыс болды. Алғашқы күндері адвокатсыз алынған "
                  "мойындау жауаптары 19 сотталушының сотында пайдаланылды; 2014 жылғы 12 мамырда "
                  "айыптау үкімі шықты. Тек уақытша ұстау изоляторының кезекшісі ғана қызметтік "
                  "немқұрайлылық үшін шартты түрде сотталды.",
            "en": "On 7 September 2013 police and OMON dispersed a months-long protest by oil "
                  "workers over unpaid wages on the central square of Kendyaral. Dozens of people "
                  "were detained over the following days. Detainees describe beatings in the bus "
                  "and in the basement of the City Police Department, being hosed with cold "
                  "water and kept kneeling for hours, asphyxiation with plastic bags and threats "
                  "to relatives to obtain "
                  "confessions. A 52-year-old man died on 14 September from injuries apparently "
                  "sustained in custody. Confessions obtained in the first days without lawyers "
                  "were used at the trial of 19 defendants, which ended in convictions on 12 May "
                  "2014. Only a duty officer of the temporary detention facility was convicted, "
                  "for "
                  "negligence, and given a suspended sentence.",
        },
        "original_language": "ru",
        "country": "KZ",
        "status": "open",
        "tags": ["protest", "OMON", "IVS", "death in custody", "coerced confessions"],
        "confidentiality": "restricted",
    }),
)

# ---------------------------------------------------------------------------------------------
# Persons: name variants (text, script, language, kind), fields, roles (case key, role)
# ---------------------------------------------------------------------------------------------

_Name = tuple[str, str, str, str]

_PERSONS: tuple[dict[str, Any], ...] = (
    # -- Sarimozor asylum seekers ---------------------------------------------------------------
    {"key": "a_bakhtiyor", "sex": "male", "birth": "1974", "nationality": "UZ",
     "ethnicity": "Uzbek", "occupation": "market trader",
     "names": [("Эргашходжаев Бахтиёр Турсунович", "Cyrl", "ru", "primary"),
               ("Ergashkhodzhaev Bakhtiyor", "Latn", "en", "transliteration"),
               ("Ergashxo'jayev Baxtiyor", "Latn", "uz", "transliteration"),
               ("Ergashkhodjaev Bakhtiyar", "Latn", "en", "alias")],
     "notes": "The alias is the spelling used in the Uzbek extradition request.",
     "roles": [("ext", "victim")]},
    {"key": "a_ulugbek", "sex": "male", "birth": "1981~", "nationality": "UZ",
     "ethnicity": "Uzbek", "occupation": "baker",
     "names": [("Мирзаахмедов Улугбек", "Cyrl", "ru", "primary"),
               ("Mirzaakhmedov Ulugbek", "Latn", "en", "transliteration"),
               ("Mirzaahmedov Ulug'bek", "Latn", "uz", "transliteration"),
               ("Мирза-Ахмедов Улугбек", "Cyrl", "ru", "alias")],
     "notes": "Year of birth approximate: his passport was kept by the Uzbek police.",
     "roles": [("ext", "victim")]},
    {"key": "a_sherzod", "sex": "male", "birth": "1985", "nationality": "UZ",
     "ethnicity": "Uzbek", "occupation": "loader", "disclosure": "pseudonym", "pseudonym": "Aziz",
     "names": [("Турсунбоев Шерзод", "Cyrl", "uz", "primary"),
               ("Tursunboyev Sherzod", "Latn", "uz", "transliteration"),
               ("Tursunbaev Sherzod", "Latn", "en", "transliteration")],
     "notes": "Asked to be referred to as \"Aziz\": his mother lives in Sarimozor.",
     "roles": [("ext", "victim")]},
    {"key": "a_farrukh", "sex": "male", "birth": "1979", "nationality": "TJ",
     "ethnicity": "Tajik", "occupation": "construction worker",
     "names": [("Абдулхайров Фаррух", "Cyrl", "ru", "primary"),
               ("Abdulkhairov Farrukh", "Latn", "en", "transliteration"),
               ("Abdulhayrov Farrukh", "Latn", "en", "alias")],
     "notes": "Extradited on 28 July 2015 despite interim measures; whereabouts unknown since.",
     "roles": [("ext", "victim")]},
    {"key": "a_jamshid", "sex": "male", "birth": "1988", "nationality": "UZ",
     "ethnicity": "Uzbek", "occupation": "student",
     "names": [("Неъматуллаев Жамшид", "Cyrl", "uz", "primary"),
               ("Нематуллаев Джамшид", "Cyrl", "ru", "alias"),
               ("Nematullaev Jamshid", "Latn", "en", "transliteration"),
               ("Ne'matullayev Jamshid", "Latn", "uz", "transliteration")],
     "roles": [("ext", "victim")]},
    {"key": "a_anon", "sex": "male", "birth": "1990~", "nationality": "UZ",
     "disclosure": "anonymous",
     "names": [("Задержанный № 6", "Cyrl", "ru", "alias"),
               ("Detainee No. 6", "Latn", "en", "alias")],
     "notes": "Name known to the lawyer only; not recorded in the vault at his request.",
     "roles": [("ext", "victim")]},
    {"key": "a_munira", "sex": "female", "birth": "1978", "nationality": "UZ",
     "ethnicity": "Uzbek", "occupation": "seamstress",
     "names": [("Эргашходжаева Мунира", "Cyrl", "ru", "primary"),
               ("Ergashkhodzhaeva Munira", "Latn", "en", "transliteration"),
               ("Ergashxo'jayeva Munira", "Latn", "uz", "transliteration")],
     "notes": "Wife of Bakhtiyor Ergashkhodzhaev.",
     "roles": [("ext", "relative")]},
    {"key": "a_gulnar", "sex": "female", "birth": "1969", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "advocate",
     "names": [("Сейітқалиева Гүлнар Болатқызы", "Cyrl", "kk", "primary"),
               ("Сейткалиева Гульнар Болатовна", "Cyrl", "ru", "alias"),
               ("Seitkalieva Gulnar", "Latn", "en", "transliteration"),
               ("Seiitqalieva Gulnar", "Latn", "kk", "transliteration")],
     "roles": [("ext", "lawyer")]},
    {"key": "a_serik", "sex": "male", "birth": "1966~", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "deputy prosecutor, Beskaiyn",
     "names": [("Жанділдин Серік Маратұлы", "Cyrl", "kk", "primary"),
               ("Жандильдин Серик Маратович", "Cyrl", "ru", "alias"),
               ("Zhandildin Serik", "Latn", "en", "transliteration")],
     "roles": [("ext", "official")]},
    {"key": "a_viktoriya", "sex": "female", "birth": "1983", "nationality": "KZ",
     "ethnicity": "Korean", "occupation": "former paramedic, SIZO No. 3",
     "names": [("Пак Виктория Енсуновна", "Cyrl", "ru", "primary"),
               ("Pak Viktoriya", "Latn", "en", "transliteration"),
               ("Pak Victoria", "Latn", "en", "alias")],
     "roles": [("ext", "witness")]},
    # -- Kendyaral ------------------------------------------------------------------------------
    {"key": "b_talgat", "sex": "male", "birth": "1981~", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "oil field operator",
     "names": [("Есімханов Талғат Серікұлы", "Cyrl", "kk", "primary"),
               ("Есимханов Талгат Серикович", "Cyrl", "ru", "alias"),
               ("Esimkhanov Talgat", "Latn", "en", "transliteration"),
               ("Yesimkhanov Talgat", "Latn", "en", "alias"),
               ("Esimhanov Talğat", "Latn", "kk", "transliteration")],
     "roles": [("kdr", "victim")]},
    {"key": "b_erbolat", "sex": "male", "birth": "1986", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "assistant driller",
     "names": [("Дүйсенқұлов Ерболат", "Cyrl", "kk", "primary"),
               ("Дуйсенкулов Ерболат", "Cyrl", "ru", "alias"),
               ("Duisenkulov Erbolat", "Latn", "en", "transliteration"),
               ("Duysenkulov Yerbolat", "Latn", "en", "alias")],
     "roles": [("kdr", "victim")]},
    {"key": "b_bauyrzhan", "sex": "male", "birth": "1992", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "welder",
     "names": [("Оразғалиев Бауыржан", "Cyrl", "kk", "primary"),
               ("Оразгалиев Бауыржан", "Cyrl", "ru", "alias"),
               ("Orazgaliev Bauyrzhan", "Latn", "en", "transliteration"),
               ("Orazgaliyev Baurzhan", "Latn", "en", "alias")],
     "roles": [("kdr", "victim")]},
    {"key": "b_kairat", "sex": "male", "birth": "1961", "deceased": "2013-09-14",
     "nationality": "KZ", "ethnicity": "Kazakh", "occupation": "retired oil worker",
     "names": [("Ақмырзаев Қайрат", "Cyrl", "kk", "primary"),
               ("Акмырзаев Кайрат", "Cyrl", "ru", "alias"),
               ("Akmyrzaev Kairat", "Latn", "en", "transliteration"),
               ("Aqmyrzaev Qairat", "Latn", "kk", "transliteration")],
     "roles": [("kdr", "victim")]},
    {"key": "b_askhat", "sex": "male", "birth": "1990", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "unemployed",
     "names": [("Жақыпбеков Асхат", "Cyrl", "kk", "primary"),
               ("Жакипбеков Асхат", "Cyrl", "ru", "alias"),
               ("Zhakypbekov Askhat", "Latn", "en", "transliteration"),
               ("Jakipbekov Askhat", "Latn", "en", "alias")],
     "notes": "The alias is the misspelling in the detention record.",
     "roles": [("kdr", "victim")]},
    {"key": "b_aigul", "sex": "female", "birth": "1979", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "teacher", "disclosure": "pseudonym",
     "pseudonym": "Сәуле",
     "names": [("Қосжанова Айгүл", "Cyrl", "kk", "primary"),
               ("Косжанова Айгуль", "Cyrl", "ru", "alias"),
               ("Koszhanova Aigul", "Latn", "en", "transliteration")],
     "roles": [("kdr", "victim")]},
    {"key": "b_kulpash", "sex": "female", "birth": "1964~", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "kindergarten cook",
     "names": [("Оразғалиева Күлпаш", "Cyrl", "kk", "primary"),
               ("Оразгалиева Кульпаш", "Cyrl", "ru", "alias"),
               ("Orazgalieva Kulpash", "Latn", "en", "transliteration")],
     "notes": "Mother of Bauyrzhan Orazgaliev.",
     "roles": [("kdr", "relative")]},
    {"key": "b_gulzhan", "sex": "female", "birth": "1963", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "pensioner",
     "names": [("Ақмырзаева Гүлжан", "Cyrl", "kk", "primary"),
               ("Акмырзаева Гульжан", "Cyrl", "ru", "alias"),
               ("Akmyrzaeva Gulzhan", "Latn", "en", "transliteration")],
     "notes": "Widow of Kairat Akmyrzaev.",
     "roles": [("kdr", "relative")]},
    {"key": "b_witness_k2", "sex": "male", "disclosure": "anonymous",
     "names": [("Свидетель К-2", "Cyrl", "ru", "alias"),
               ("Witness K-2", "Latn", "en", "alias")],
     "notes": "Held in the IVS on 7–11 September 2013. Identity known to the interviewer only.",
     "roles": [("kdr", "witness")]},
    {"key": "b_madina", "sex": "female", "birth": "1975", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "emergency physician", "disclosure": "pseudonym",
     "pseudonym": "Dr Nur",
     "names": [("Сағындықова Мәдина", "Cyrl", "kk", "primary"),
               ("Сагындыкова Мадина", "Cyrl", "ru", "alias"),
               ("Sagyndykova Madina", "Latn", "en", "transliteration")],
     "roles": [("kdr", "witness")]},
    {"key": "b_irina", "sex": "female", "birth": "1971", "nationality": "KZ",
     "ethnicity": "Russian", "occupation": "advocate",
     "names": [("Ларионова Ирина Сергеевна", "Cyrl", "ru", "primary"),
               ("Larionova Irina", "Latn", "en", "transliteration"),
               ("Ларионова И. С.", "Cyrl", "ru", "alias")],
     "roles": [("kdr", "lawyer")]},
    {"key": "b_galymzhan", "sex": "male", "birth": "1984~", "nationality": "KZ",
     "occupation": "OMON senior sergeant",
     "names": [("Сыздықов Ғалымжан", "Cyrl", "kk", "primary"),
               ("Сыздыков Галымжан", "Cyrl", "ru", "alias"),
               ("Syzdykov Galymzhan", "Latn", "en", "transliteration"),
               ("Галым", "Cyrl", "ru", "alias")],
     "notes": "Identified by two detainees; called \"Galym\" by colleagues.",
     "roles": [("kdr", "alleged_perpetrator")]},
    {"key": "b_rinat", "sex": "male", "birth": "1970", "nationality": "KZ",
     "occupation": "head of the IVS, Kendyaral GOVD",
     "names": [("Бекмұхамбетов Ринат", "Cyrl", "kk", "primary"),
               ("Бекмухамбетов Ринат", "Cyrl", "ru", "alias"),
               ("Bekmukhambetov Rinat", "Latn", "en", "transliteration")],
     "roles": [("kdr", "alleged_perpetrator")]},
    {"key": "b_duman", "sex": "male", "birth": "1982", "nationality": "KZ",
     "occupation": "investigator, Kendyaral GOVD",
     "names": [("Қалиев Думан", "Cyrl", "kk", "primary"),
               ("Калиев Думан", "Cyrl", "ru", "alias"),
               ("Kaliev Duman", "Latn", "en", "transliteration"),
               ("Qaliev Duman", "Latn", "kk", "transliteration")],
     "roles": [("kdr", "alleged_perpetrator")]},
    {"key": "b_erden", "sex": "male", "birth": "1965~", "nationality": "KZ",
     "occupation": "head of the Kendyaral GOVD",
     "names": [("Ысқақов Ерден", "Cyrl", "kk", "primary"),
               ("Искаков Ерден", "Cyrl", "ru", "alias"),
               ("Iskakov Erden", "Latn", "en", "transliteration"),
               ("Yskaqov Erden", "Latn", "kk", "transliteration")],
     "roles": [("kdr", "alleged_perpetrator"), ("kdr", "official")]},
    {"key": "b_adilet", "sex": "male", "birth": "1977", "nationality": "KZ",
     "occupation": "deputy prosecutor, Kendyaral",
     "names": [("Тоқсанбаев Әділет", "Cyrl", "kk", "primary"),
               ("Токсанбаев Адилет", "Cyrl", "ru", "alias"),
               ("Toksanbaev Adilet", "Latn", "en", "transliteration")],
     "roles": [("kdr", "official")]},
    {"key": "b_asel", "sex": "female", "birth": "1988", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "monitor, Dala Rights Monitor",
     "names": [("Нұрмағанбетова Әсел", "Cyrl", "kk", "primary"),
               ("Нурмаганбетова Асель", "Cyrl", "ru", "alias"),
               ("Nurmaganbetova Asel", "Latn", "en", "transliteration")],
     "roles": [("kdr", "source"), ("ext", "source")]},
    {"key": "b_bakhytzhan", "sex": "male", "birth": "1975", "nationality": "KZ",
     "ethnicity": "Kazakh", "occupation": "shopkeeper on the central square",
     "names": [("Серғазиев Бақытжан", "Cyrl", "kk", "primary"),
               ("Сергазиев Бахытжан", "Cyrl", "ru", "alias"),
               ("Sergaziev Bakhytzhan", "Latn", "en", "transliteration")],
     "roles": [("kdr", "witness")]},
)

# ---------------------------------------------------------------------------------------------
# Events and chains
# ---------------------------------------------------------------------------------------------

_EVENTS: tuple[dict[str, Any], ...] = (
    # -- Sarimozor asylum seekers ---------------------------------------------------------------
    {"key": "eA_arrest_uz", "case": "ext", "event_type": "arrest", "start": "2005-11",
     "place": "pl_uz_police",
     "title": {"en": "Arrest of B. Ergashkhodzhaev in Sarimozor",
               "ru": "Задержание Б. Эргашходжаева в Саримазаре",
               "kk": "Б. Эргашходжаевтың Сарымазарда ұсталуы"},
     "language": "ru",
     "description": "В конце ноября 2005 года задержан на рынке сотрудниками службы "
                    "безопасности по подозрению в участии в «незарегистрированных собраниях»."},
    {"key": "eA_torture_uz", "case": "ext", "event_type": "ill_treatment",
     "start": "late November 2005", "end": "2005-12~", "place": "pl_uz_police",
     "title": {"en": "Ill-treatment in the Sarimozor police department",
               "ru": "Пытки в Саримазарском отделе милиции",
               "kk": "Сарымазар милиция бөліміндегі азаптау"},
     "language": "en",
     "description": "About three weeks in police custody: beatings on the soles of the feet, "
                    "suspension, a gas mask, electric shock, threats against his wife."},
    {"key": "eA_questioned", "case": "ext", "event_type": "interrogation", "start": "2014~",
     "place": "pl_sarimozor",
     "title": {"en": "U. Mirzaakhmedov questioned by the security service",
               "ru": "Допрос У. Мирзаахмедова в службе безопасности",
               "kk": "У. Мирзаахмедовтан қауіпсіздік қызметінде жауап алу"},
     "language": "en",
     "description": "Two days of questioning about his convicted brother, early 2014 (exact "
                    "dates unknown)."},
    {"key": "eA_arrests", "case": "ext", "event_type": "arrest", "start": "2014-06-10",
     "end": "2014-06-14", "place": "pl_beskaiyn",
     "title": {"en": "Seven asylum seekers detained in Beskaiyn on extradition requests",
               "ru": "Задержание семерых просителей убежища в Бескайыне по запросам об "
                     "экстрадиции",
               "kk": "Жеті баспана іздеушінің экстрадиция сұраулары бойынша Бесқайыңда "
                     "ұсталуы"},
     "language": "ru",
     "description": "Задержания проводились в течение пяти дней на съёмных квартирах и на "
                    "рынках под видом «паспортной проверки»."},
    {"key": "eA_sizo", "case": "ext", "event_type": "detention", "start": "2014-06-15",
     "end": "", "place": "pl_sizo_bsk",
     "title": {"en": "Extradition custody in SIZO No. 3", "ru": "Экстрадиционный арест в СИЗО № 3",
               "kk": "№ 3 тергеу изоляторында экстрадициялық қамау"},
     "language": "en", "description": "Held pending extradition; still in custody."},
    {"key": "eA_asylum", "case": "ext", "event_type": "asylum_decision", "start": "2014-10~",
     "place": "pl_beskaiyn",
     "title": {"en": "Asylum applications refused", "ru": "Отказ в предоставлении убежища",
               "kk": "Баспана беруден бас тарту"},
     "language": "en",
     "description": "The migration authority refused refugee status to all seven, citing the "
                    "charges in the extradition requests."},
    {"key": "eA_appeal", "case": "ext", "event_type": "hearing", "start": "2014-11-23",
     "place": "pl_court_bsk",
     "title": {"en": "Court hearing on the asylum refusals",
               "ru": "Судебное заседание по обжалованию отказов в убежище",
               "kk": "Баспана беруден бас тартуға шағым бойынша сот отырысы"},
     "language": "en", "description": "Closed hearing; the refusals were upheld."},
    {"key": "eA_cat", "case": "ext", "event_type": "complaint", "start": "2014-12-17",
     "title": {"en": "Communication to the UN Committee against Torture",
               "ru": "Сообщение в Комитет ООН против пыток",
               "kk": "БҰҰ-ның Азаптауға қарсы комитетіне хабарлама"},
     "language": "en", "description": "Submitted by the lawyer on behalf of all seven men."},
    {"key": "eA_interim", "case": "ext", "event_type": "interim_measures", "start": "2014-12-21",
     "title": {"en": "UN CAT requests interim measures",
               "ru": "Комитет ООН против пыток принимает временные меры",
               "kk": "БҰҰ-ның Азаптауға қарсы комитеті уақытша шаралар қабылдады"},
     "language": "en",
     "description": "The State party is requested not to extradite the complainants while the "
                    "communication is under consideration."},
    {"key": "eA_interim2", "case": "ext", "event_type": "interim_measures",
     "start": "2015-04-19",
     "title": {"en": "UN CAT reaffirms interim measures",
               "ru": "Комитет подтверждает временные меры",
               "kk": "Комитет уақытша шараларды растады"},
     "language": "en",
     "description": "After the State party contested admissibility, the Committee reaffirmed "
                    "its request."},
    {"key": "eA_extradition", "case": "ext", "event_type": "extradition",
     "start": "2015-07-28", "place": "pl_border",
     "title": {"en": "F. Abdulkhairov handed over to Uzbekistan",
               "ru": "Передача Ф. Абдулхайрова Узбекистану",
               "kk": "Ф. Абдулхайровтың Өзбекстанға тапсырылуы"},
     "language": "ru",
     "description": "Вывезен из СИЗО около двух часов ночи и передан узбекской стороне на пункте "
                    "пропуска «Жаланкум» вопреки временным мерам Комитета."},
    {"key": "eA_release_anon", "case": "ext", "event_type": "release", "start": "2014-11",
     "place": "pl_sizo_bsk",
     "title": {"en": "Detainee No. 6 released", "ru": "Освобождение задержанного № 6",
               "kk": "№ 6 ұсталғанның босатылуы"},
     "language": "en",
     "description": "Released because the documents from Uzbekistan were incomplete."},
    # -- Kendyaral ------------------------------------------------------------------------------
    {"key": "eB_arrests", "case": "kdr", "event_type": "arrest", "start": "2013-09-07",
     "end": "2013-09-08", "place": "pl_square",
     "title": {"en": "Dispersal of the protest and mass arrests",
               "ru": "Разгон протеста и массовые задержания",
               "kk": "Наразылықты тарату және жаппай ұстау"},
     "language": "ru",
     "description": "Около 16:00 на площадь въехали автобусы с ОМОНом. Протестующих разгоняли "
                    "дубинками; задерживали и тех, кто просто проходил мимо."},
    {"key": "eB_ivs", "case": "kdr", "event_type": "detention", "start": "2013-09-07",
     "end": "2013-09-12", "place": "pl_ivs",
     "title": {"en": "Detention in the Kendyaral IVS", "ru": "Содержание в ИВС Кендыарала",
               "kk": "Кендіарал УҰИ-да қамауда ұстау"},
     "language": "en",
     "description": "Up to twelve people in cells for four to six; lights on all night; no "
                    "medical examination on admission."},
    {"key": "eB_basement", "case": "kdr", "event_type": "ill_treatment", "start": "2013-09-07",
     "end": "2013-09-09", "place": "pl_govd",
     "title": {"en": "Beatings in the GOVD basement", "ru": "Избиения в подвале ГОВД",
               "kk": "ҚІІБ жертөлесіндегі ұрып-соғу"},
     "language": "ru",
     "description": "Задержанных раздевали, обливали холодной водой из шланга, часами "
                    "держали на коленях и били дубинками."},
    {"key": "eB_interrogations", "case": "kdr", "event_type": "interrogation",
     "start": "2013-09-08", "end": "2013-09-11", "place": "pl_govd",
     "title": {"en": "Interrogations without lawyers", "ru": "Допросы без адвокатов",
               "kk": "Адвокатсыз жауап алу"},
     "language": "en",
     "description": "Confessions and statements against others obtained under asphyxiation, "
                    "sleep deprivation and threats to relatives."},
    {"key": "eB_release_kairat", "case": "kdr", "event_type": "release", "start": "2013-09-10",
     "place": "pl_ivs",
     "title": {"en": "K. Akmyrzaev released", "ru": "Освобождение К. Акмырзаева",
               "kk": "Қ. Ақмырзаевтың босатылуы"},
     "language": "en", "description": "Released at midday without charge, visibly injured."},
    {"key": "eB_death", "case": "kdr", "event_type": "death_in_custody", "start": "2013-09-14",
     "place": "pl_hospital",
     "title": {"en": "Death of K. Akmyrzaev", "ru": "Смерть К. Акмырзаева",
               "kk": "Қ. Ақмырзаевтың қайтыс болуы"},
     "language": "en",
     "description": "Died in hospital of internal bleeding and rib fractures sustained in "
                    "custody four days after his release."},
    {"key": "eB_complaint", "case": "kdr", "event_type": "complaint", "start": "2013-09-20",
     "title": {"en": "Complaints to the city prosecutor", "ru": "Жалобы в прокуратуру города",
               "kk": "Қала прокуратурасына шағымдар"},
     "language": "en", "description": "Filed by the lawyer on behalf of five detainees."},
    {"key": "eB_trial", "case": "kdr", "event_type": "hearing", "start": "2014-02-03",
     "end": "2014-04-28", "place": "pl_court_kdr",
     "title": {"en": "Trial of 19 defendants for \"mass riots\"",
               "ru": "Суд над 19 обвиняемыми по делу о «массовых беспорядках»",
               "kk": "«Жаппай тәртіпсіздіктер» ісі бойынша 19 айыпталушының соты"},
     "language": "ru",
     "description": "Не менее одиннадцати подсудимых заявили о пытках; суд признал показания "
                    "допустимыми."},
    {"key": "eB_verdict", "case": "kdr", "event_type": "verdict", "start": "2014-05-12",
     "place": "pl_court_kdr",
     "title": {"en": "Verdict: seven prison sentences", "ru": "Приговор: семь сроков лишения "
                                                              "свободы",
               "kk": "Үкім: жеті адамға бас бостандығынан айыру"},
     "language": "en", "description": "Three to six years' imprisonment for seven defendants."},
    {"key": "eB_ivs_verdict", "case": "kdr", "event_type": "verdict", "start": "2014-06~",
     "place": "pl_court_kdr",
     "title": {"en": "IVS duty officer convicted of negligence",
               "ru": "Дежурный ИВС осуждён за халатность",
               "kk": "УҰИ кезекшісі қызметтік немқұрайлылық үшін сотталды"},
     "language": "en",
     "description": "Suspended sentence; no officer was charged with the beatings themselves."},
)

_EVENT_LINKS: tuple[tuple[str, str, str], ...] = (
    ("eA_arrest_uz", "eA_torture_uz", "followed_by"),
    ("eA_torture_uz", "eA_arrest_uz", "part_of"),
    ("eA_arrests", "eA_sizo", "followed_by"),
    ("eA_sizo", "eA_asylum", "followed_by"),
    ("eA_asylum", "eA_appeal", "followed_by"),
    ("eA_appeal", "eA_cat", "followed_by"),
    ("eA_cat", "eA_interim", "caused"),
    ("eA_interim", "eA_interim2", "followed_by"),
    ("eA_interim2", "eA_extradition", "followed_by"),
    ("eA_sizo", "eA_release_anon", "followed_by"),
    ("eB_arrests", "eB_ivs", "followed_by"),
    ("eB_basement", "eB_ivs", "part_of"),
    ("eB_basement", "eB_interrogations", "followed_by"),
    ("eB_basement", "eB_death", "caused"),
    ("eB_release_kairat", "eB_death", "followed_by"),
    ("eB_death", "eB_complaint", "followed_by"),
    ("eB_interrogations", "eB_trial", "followed_by"),
    ("eB_trial", "eB_verdict", "followed_by"),
    ("eB_complaint", "eB_ivs_verdict", "followed_by"),
)

# ---------------------------------------------------------------------------------------------
# Testimonies (paragraphs separated by blank lines) and their translations
# ---------------------------------------------------------------------------------------------

_ASEL = "Әсел Нұрмағанбетова (Dala Rights Monitor)"
_GULNAR = "Гульнар Сейткалиева"
_WHITCOMBE = "J. Whitcombe (Steppe Justice Initiative)"
_DILNOZA = "Dilnoza Rakhimova (Uzbek–English)"
_DANA = "Dana Kemelbekova (Russian–English)"

_T_TALGAT_RU = """\
Седьмого сентября я был на центральной площади вместе с другими рабочими. Мы стояли там с мая, \
требовали выплатить долги по зарплате. Около четырёх часов дня на площадь заехали автобусы с \
ОМОНом. Людей начали разгонять дубинками, я побежал в сторону рынка, но меня догнали двое \
сотрудников в масках, повалили на асфальт и надели наручники.

В автобусе нас положили лицом в пол. Сотрудники наступали ботинками на руки и били дубинками по \
ногам и по почкам. Один из них, которого другие называли «Галым», говорил, что мы «ответим за \
площадь». Автобус простоял около часа, потом нас отвезли в городской отдел полиции.

В подвале ГОВД окна были открыты настежь, бетонный пол облили водой из шланга. Нас заставили \
раздеться до нижнего белья и стоять на коленях лицом к стене. Кто падал — того били. Так \
продолжалось, по моим ощущениям, всю ночь. Утром меня подняли на третий этаж к следователю. Он \
сказал, что если я не подпишу показания о том, что видел, кто раздавал деньги и бутылки с \
бензином, меня «вернут в подвал». Я подписал, не читая. Адвоката ко мне не пустили до 9 сентября.

10 сентября меня отпустили под подписку о невыезде. В тот же день жена отвезла меня в больницу, \
врач зафиксировал ушибы спины и бёдер и перелом двух рёбер. Жалобу в прокуратуру мы подали через \
адвоката 20 сентября. Через месяц пришёл ответ, что «факты не подтвердились». Я согласен, чтобы \
мои показания передали в ООН, но прошу пока не публиковать моё имя в СМИ."""

_T_TALGAT_EN = """\
On 7 September I was on the central square together with other workers. We had been standing \
there since May, demanding that the wage arrears be paid. At about four in the afternoon buses \
with OMON drove onto the square. They began to disperse people with truncheons; I ran towards the \
market, but two officers in masks caught up with me, threw me onto the asphalt and handcuffed me.

In the bus we were made to lie face down on the floor. The officers stepped on our hands with \
their boots and hit us with truncheons on the legs and in the kidneys. One of them, whom the \
others called "Galym", said that we would "answer for the square". The bus stood for about an \
hour, then we were taken to the city police department.

In the basement of the GOVD the windows were wide open and the concrete floor had been hosed \
with water. We were made to strip to our underwear and kneel facing the wall. Whoever fell over \
was beaten. As far as I could tell, this went on all night. In the morning I was taken up to the \
investigator on the third floor. He said that if I did not sign a statement saying I had seen who \
handed out money and bottles of petrol, I would be "sent back to the basement". I signed without \
reading it. My lawyer was not allowed to see me until 9 September.

On 10 September I was released on a written undertaking not to leave the town. The same day my \
wife took me to the hospital; the doctor recorded bruises on my back and thighs and two broken \
ribs. We filed a complaint with the prosecutor's office through my lawyer on 20 September. A \
month later the answer came that "the facts were not confirmed". I agree that my statement may be \
passed to the UN, but I ask that my name not be published in the media for now."""

_T_ERBOLAT_KK = """\
Жетінші қыркүйекте мен алаңда болған жоқпын, жұмыстан үйге қайтып келе жатқан едім. Көшеде \
полиция көліктері тұрды. Екі қызметкер мені тоқтатып, жеке куәлігімді сұрады, сосын ештеңе \
түсіндірмей автобусқа итеріп кіргізді. Автобуста он шақты адам еденде етпетінен жатты, бәрінің \
қолы артына қайырылған еді.

Қалалық ішкі істер бөліміне әкелген соң мені екінші қабаттағы бөлмеге кіргізді. Онда үш адам \
болды, біреуі азаматша киінген, өзін тергеуші деп таныстырды. Олар менен алаңда кім ақша \
таратқанын, адамдарды кім бастағанын сұрады. Мен білмеймін дедім. Сол кезде басыма полиэтилен \
пакет кигізіп, мойнымнан қысты. Тыныс ала алмай, есімнен танып қалдым. Бұл үш-төрт рет \
қайталанды.

Тергеуші маған: «Қол қоймасаң, інің де осында келеді», – деді. Менің інім он жетіде, мектепте \
оқиды. Қорыққанымнан олар алдын ала жазып қойған жауапқа қол қойдым. Кейін сотта бұл жауаптан \
бас тарттым, бірақ судья оны дәлел ретінде қабылдады.

Уақытша ұстау изоляторында үш күн жаттым. Камерада ешқандай жиһаз жоқ еді, түні бойы жарық \
сөнбеді, ұйықтауға мүмкіндік болмады. Денемде көгерген жерлер болды, бірақ мені дәрігерге \
көрсеткен жоқ. Прокуратураға шағым бердік, бірақ тергеу тоқтатылды. Өтінемін, менің атымды \
жарияламаңыздар, бірақ басқалар білсін деп, айтқандарымды аты-жөнімді көрсетпей жариялауға \
келісемін."""

_T_ERBOLAT_RU = """\
Седьмого сентября я не был на площади, я возвращался с работы домой. На улице стояли \
полицейские машины. Двое сотрудников остановили меня, попросили удостоверение личности, а потом, \
ничего не объясняя, затолкали в автобус. В автобусе на полу лицом вниз лежали человек десять, у \
всех руки были заломлены за спину.

Когда нас привезли в городской отдел внутренних дел, меня завели в кабинет на втором этаже. Там \
было трое, один в гражданской одежде, он представился следователем. Они спрашивали, кто на \
площади раздавал деньги, кто вёл людей. Я сказал, что не знаю. Тогда мне надели на голову \
полиэтиленовый пакет и сдавили шею. Я не мог дышать и потерял сознание. Это повторялось \
три-четыре раза.

Следователь сказал мне: «Не подпишешь — сюда приведут и твоего младшего брата». Моему брату \
семнадцать лет, он учится в школе. От страха я подписал показания, которые они заранее \
написали. Потом в суде я от этих показаний отказался, но судья принял их как доказательство.

В изоляторе временного содержания я провёл три дня. В камере не было никакой мебели, всю ночь \
не выключали свет, спать было невозможно. На теле были синяки, но врачу меня не показали. Мы \
подали жалобу в прокуратуру, но расследование прекратили. Прошу не публиковать моё имя, но я \
согласен на публикацию без указания имени, чтобы другие знали, что произошло."""

_T_KULPASH_RU = """\
Бауыржана забрали восьмого сентября около шести утра, прямо из дома. Пришли четверо, двое в \
форме, двое в гражданском, документов не показали. Сказали, что он «просто даст объяснения» и \
вечером вернётся. Он не вернулся.

Пять дней я ходила в горотдел, в изолятор, в прокуратуру. Везде говорили, что такого \
задержанного у них нет. Только тринадцатого сентября адвокат узнала, что он в ИВС, а потом его \
перевели в СИЗО в Аксайран. Первое свидание дали только в октябре. Лицо у сына было жёлтое, под \
глазом старый синяк, он всё время кашлял. Он сказал мне: «Мама, не спрашивай, здесь всё \
слышат».

В камере ИВС, по его словам, было двенадцать человек на шесть мест, окна не открывались, в \
туалет выводили два раза в сутки. Когда он попросил врача из-за кашля и температуры, дежурный \
ответил, что «врач для тех, кто даёт показания». В конце ноября в СИЗО у него нашли туберкулёз \
лёгких. Лечение начали только в декабре, после того как мы написали жалобу.

Раньше сын был совершенно здоров, работал сварщиком, занимался борьбой. Я хочу, чтобы о нём \
знали. Можно публиковать моё имя и имя сына."""

_T_GULZHAN_KK = """\
Күйеуім Қайрат жетінші қыркүйекте кешке дүкенге шыққан еді. Үйімізден екі жүз метрдей жерде оны \
полиция ұстап алды, мұны көршіміз көріп тұрды. Ол алаңға бармаған, жасы елуден асқан, \
зейнеттегі мұнайшы еді. Үш күн бойы оның қайда екенін ешкім айтпады.

Оныншы қыркүйекте түсте оны изолятордан босатты. Үйге әрең жетті, бетінің бәрі көгеріп кеткен, \
қабырғасы ауырып, тыныс алуы қиын болды. Ол маған былай деді: «Жертөлеге түсірді, шешіндіріп, \
үстімізге шлангпен суық су шашты. Таңға дейін тізерлетіп ұстады, кім құлап қалса, ОМОН-дар \
соны таяқпен ұрды. Жоғары қабатқа шығарғанда, мені еңбектетіп апарды». Изоляторда ол бірнеше \
рет дәрігер сұраған, бірақ ешкім келмеген.

Он бірінші қыркүйекте жағдайы нашарлап, қалалық ауруханаға апардық. Дәрігерлер ішкі қан кету \
бар, қабырғалары сынған деді. Он төртінші қыркүйекте таңертең ол қайтыс болды. Сот-медициналық \
сараптама өлімнің себебі соққылардан болған жарақаттар екенін көрсетті.

Прокуратура алдымен күйеуім «үйде құлап қалған» деп мәлімдеді. Кейін изолятордың кезекші \
қызметкеріне қызметтік немқұрайлылық үшін ғана айып тағылды. Оны ұрған қызметкерлердің \
бірде-біреуі жауапқа тартылған жоқ. Мен шаһардағы барлық есікті қақтым, бірақ әділдік әлі \
жоқ. Айтқандарымды БҰҰ органдарына беруге келісемін."""

_T_GULZHAN_EN_DRAFT = """\
My husband Kairat went out to the shop on the evening of 7 September. The police detained him \
about two hundred metres from our house; our neighbour saw it. He had not gone to the square: he \
was over fifty, a retired oil worker. For three days nobody would tell me where he was.

On 10 September at midday he was released from the detention facility. He barely made it home: \
his whole face was bruised, his ribs hurt and he had difficulty breathing. He told me: "They took \
us down to the basement, stripped us and sprayed us with cold water from a hose. They kept us on \
our knees until morning, and the OMON men beat whoever fell over with truncheons. When they took \
me upstairs, they made me crawl." \
In the facility he asked for a doctor several times, but nobody came.

[Draft: paragraphs 3 and 4 not yet translated.]"""

_T_K2_RU = """\
Я провёл в ИВС Кендыаральского ГОВД с седьмого по одиннадцатое сентября. В нашей камере было \
одиннадцать человек, а камера рассчитана на четверых. Спали по очереди, на полу. Ночью свет не \
выключали, каждые два часа стучали в дверь и заставляли называть фамилию.

В ночь на восьмое сентября в камеру привели пожилого мужчину, его звали Кайрат-ага. Он держался \
за бок и не мог лечь. Он рассказал, что в подвале их облили холодной водой и до утра держали на \
коленях, а сотрудники в чёрной форме без знаков различия били тех, кто падал. Утром он попросил \
у дежурного врача. Дежурный \
ответил: «До утра не помрёшь». Врача так и не вызвали. Начальник изолятора заходил в камеру \
девятого числа, видел его состояние и ничего не сделал.

Меня самого водили на допрос дважды. Били ладонями по ушам и заставляли стоять у стены на \
носках. Требовали назвать, кто из знакомых был на площади. Я назвал только тех, кого и так все \
видели.

Я боюсь, что меня снова задержат, поэтому прошу нигде не указывать моё имя. Эти показания — \
только для внутреннего использования организации."""

_T_DOCTOR_EN = """\
I was on duty in the emergency department of the city hospital from 7 to 9 September 2013. From \
the evening of the 7th the police brought detainees to us in groups of five or six, usually late \
at night. The officers stayed in the examination room the whole time and did not allow us to \
talk to the patients alone.

Most of the men I saw had similar injuries: bruises in parallel stripes on the back, buttocks and \
thighs, of the kind a rubber truncheon leaves; swollen ankles and feet; several had signs of \
hypothermia, and their clothes were wet. Two had rib fractures, which I confirmed on X-ray. One \
young man had pinpoint haemorrhages in the eyes and marks on the neck, which in my experience are \
consistent with asphyxiation.

We were told to write "injuries received before detention" in the records, and in several cases \
the senior officer dictated the wording. I refused to do that for two patients and wrote down \
what they told me: that they had been beaten at the police station. The next week the hospital \
administration asked me to "correct" those entries. I did not.

On 11 September Mr Akmyrzaev was admitted with internal bleeding. He told me that he had been \
beaten in the police basement and had asked for a doctor in the detention facility, but no one \
came. He died three days later. I ask that my real name not be used: I still work in the town."""

_T_ASKHAT_KK = """\
Мен, Жақыпбеков Асхат, сегізінші қыркүйекте досымның үйінде ұсталдым. Мені қалалық ішкі істер \
бөліміне апарды. Тергеуші Қалиев мені үш тәулік бойы ұйықтатпады: түнде кабинетте қабырғаға \
қаратып тұрғызып қойды, отыруға, су ішуге, дәретханаға баруға рұқсат бермеді. Аяғым ісіп кетті.

Екінші түні кабинетке маска киген екі қызметкер кірді. Олар басыма қалың кітап қойып, үстінен \
ұрды, бұл із қалдырмайды дейді. Сосын сымы бар кішкентай құралды көрсетіп, «қол қоймасаң, ток \
береміз» деді. Бір рет саусағыма тигізді, денем қалтырап кетті. Олар менің алаңда жиналған \
адамдарға бензин таратқанымды мойындауымды талап етті. Мен ондай іс жасаған жоқпын.

Үшінші күні мен олардың айтқанын жаздым. Адвокатты маған тек он бесінші қыркүйекте жіберді, ол \
кезде мойындау жауабы іске тіркеліп қойған еді. Сотта бұл туралы айттым, бірақ судья \
«сот-медициналық сараптама жарақат анықтамады» деп, менің сөзіме сенбеді. Ал сараптаманы бір ай \
өткен соң ғана жасады.

Бұл арызды адвокатым арқылы беріп отырмын. Оны БҰҰ органдарына беруге келісемін. Өз атыммен \
жариялауға әзірге келіспеймін, себебі отбасыма қысым көрсетілуі мүмкін."""

_T_IRINA_RU = """\
Я представляла интересы трёх подсудимых по делу о «массовых беспорядках» в Кендыарале. Процесс \
шёл в Кендыаральском городском суде с третьего февраля по двадцать восьмое апреля 2014 года. \
Всего обвинение было предъявлено девятнадцати людям.

Не менее одиннадцати подсудимых заявили в суде, что признательные показания были получены под \
пытками: избиения в подвале ГОВД, удушение пакетом, угрозы родственникам, лишение сна. Двое \
назвали конкретных сотрудников. Суд направил заявления в прокуратуру, а через две недели огласил \
ответ: «факты не подтвердились». При этом ни подсудимых, ни свидетелей защиты прокуратура не \
опрашивала.

Показания, данные в первые трое суток без адвоката, суд признал допустимыми доказательствами. \
Ходатайство защиты о назначении независимой судебно-медицинской экспертизы было отклонено. \
Двенадцатого мая 2014 года суд вынес приговор: семь человек приговорены к лишению свободы на \
сроки от трёх до шести лет, остальные — к ограничению свободы.

Считаю, что были нарушены статьи 12, 13 и 15 Конвенции против пыток. Мы обжаловали приговор в \
Аксайранский областной суд. Мои показания можно публиковать с указанием моего имени."""

_T_BAKHTIYOR_RU = """\
В конце ноября 2005 года меня задержали в Саримазаре сотрудники службы безопасности, прямо на \
рынке, где я торговал. Меня обвиняли в том, что я посещаю «незарегистрированные собрания», а я \
просто ходил в махаллинскую мечеть и читал намаз.

В городском отделе милиции меня держали около трёх недель. Били резиновыми дубинками по пяткам, \
подвешивали за скованные за спиной руки, надевали на голову противогаз и перекрывали воздух. \
Один раз подключали провода к пальцам. Говорили, что арестуют жену и отправят её «туда, где \
женщинам плохо». Я подписал всё, что мне дали. Потом меня отпустили под надзор махалли, каждую \
неделю я должен был отмечаться.

В 2013 году меня начали снова вызывать и спрашивать о людях, с которыми я молился. Я понял, что \
меня опять посадят, и уехал в Казахстан, потом ко мне приехала семья. В Бескайыне я обратился за \
статусом беженца. В июне 2014 года меня задержали по запросу Узбекистана, теперь я в СИЗО номер \
три.

Если меня выдадут, меня будут пытать — в этом я не сомневаюсь. Люди, которых вернули раньше, \
получили большие сроки, о некоторых родственники ничего не знают. Я согласен, чтобы эти \
показания передали в Комитет ООН против пыток."""

_T_BAKHTIYOR_ADDENDUM_RU = """

Дополнение (уточнено на встрече 2 октября 2014 года): в 2005 году в отделе милиции меня держали \
в подвальном помещении без окна; дату освобождения точно не помню, это было в середине декабря."""

_T_BAKHTIYOR_EN = """\
In late November 2005 security service officers detained me in Sarimozor, right at the market \
where I traded. They accused me of attending "unregistered gatherings", whereas I simply went to \
the mahalla mosque and prayed.

I was held at the city police department for about three weeks. They beat me on the soles of my \
feet with rubber truncheons, hung me up by my arms cuffed behind my back, put a gas mask over my \
head and shut off the air. Once they attached wires to my fingers. They said they would arrest my \
wife and send her "where it is bad for women". I signed everything they gave me. Then they \
released me under the supervision of the mahalla; I had to report every week.

In 2013 they began summoning me again and asking about the people I prayed with. I understood \
that I would be imprisoned again and left for Kazakhstan; later my family joined me. In Beskaiyn \
I applied for refugee status. In June 2014 I was detained at the request of Uzbekistan; now I am \
in SIZO No. 3.

If I am extradited I will be tortured, I have no doubt about it. People who were returned \
earlier received long sentences, and the relatives of some of them know nothing about them. I \
agree that this statement may be passed to the UN Committee against Torture."""

_T_ULUGBEK_EN = """\
I left Uzbekistan in the spring of 2014, a few weeks after I was questioned at the regional \
security service building in Sarimozor. They kept me there for two days, around the beginning of \
2014; I am not sure of the exact dates. They asked me about my brother, who had been sentenced in \
2006, and about the people who came to our bakery. They slapped me and kept me standing for a \
whole night. They told me that if I did not cooperate my mother would lose her pension.

In Kazakhstan I registered with the migration service and applied for asylum. On 12 June 2014 \
police officers came to the flat where I lived with three other men from our region. They said it \
was a passport check. At the station they told us that Uzbekistan had sent extradition requests \
accusing us of membership of a banned organisation and of attempting to overthrow the \
constitutional order. I have never been a member of any organisation.

In August two men in civilian clothes came to the SIZO and spoke to me in Uzbek without the staff \
present. They said they were from "home" and that it would be better for me to go back \
voluntarily, because otherwise "your brother will suffer for you". The SIZO staff brought me to \
that room and left. I did not see any document. After that meeting I could not sleep for many \
nights.

I am afraid of being sent back. My brother has told my family that in prison people are beaten \
for praying. I agree that this interview may be given to the United Nations and to my lawyer."""

_T_ULUGBEK_RU = """\
Я уехал из Узбекистана весной 2014 года, через несколько недель после того, как меня допрашивали \
в здании областной службы безопасности в Саримазаре. Меня держали там два дня, примерно в начале \
2014 года; точных дат я не помню. Меня спрашивали о брате, осуждённом в 2006 году, и о людях, \
которые приходили в нашу пекарню. Били ладонью по лицу и всю ночь держали стоя. Говорили, что \
если я не буду сотрудничать, мать лишится пенсии.

В Казахстане я встал на учёт в миграционной службе и подал ходатайство об убежище. 12 июня 2014 \
года в квартиру, где я жил с тремя земляками, пришли полицейские. Сказали, что это проверка \
паспортов. В отделе нам объявили, что Узбекистан прислал запросы об экстрадиции: нас обвиняют в \
членстве в запрещённой организации и в попытке свержения конституционного строя. Я никогда не \
состоял ни в какой организации.

В августе в СИЗО пришли двое в гражданской одежде и говорили со мной по-узбекски без сотрудников \
изолятора. Сказали, что они «из дома» и что мне лучше вернуться добровольно, иначе «за тебя \
ответит брат». Сотрудники СИЗО привели меня в эту комнату и ушли. Никаких документов я не видел. \
После этой встречи я много ночей не мог спать.

Я боюсь, что меня отправят обратно. Брат передал семье, что в тюрьме бьют за молитву. Я \
согласен, чтобы это интервью передали в ООН и моему адвокату."""

_T_MUNIRA_RU = """\
Двадцать восьмого июля мне позвонила сестра Фарруха и сказала, что его ночью вывезли из СИЗО. Мы \
сразу позвонили адвокату. В СИЗО сначала сказали, что Фаррух «переведён», а куда — не ответили. \
Только через три дня в прокуратуре признали, что его передали узбекской стороне на пункте \
пропуска.

Мой муж Бахтиёр остаётся в СИЗО номер три. После того как увезли Фарруха, он почти не спит. На \
свидании он сказал, что сотрудники говорили заключённым: «Решение ООН для нас — просто бумага». \
Его сокамерникам тоже угрожали, что их «отправят следующими».

Мы живём на съёмной квартире, я с тремя детьми. Старшему девять лет, он спрашивает, когда папа \
вернётся. Участковый дважды приходил и спрашивал, кто к нам ходит и откуда у нас деньги. Я \
боюсь, что и нас вышлют.

Мы знаем, что Комитет ООН просил Казахстан не выдавать этих людей. Я прошу, чтобы Комитет узнал: \
Фарруха выдали вопреки его решению. Моё имя можно не указывать, но рассказ публикуйте."""

_T_GULNAR_KK = """\
Мен Сейітқалиева Гүлнар, адвокатпын, 2014 жылдың маусымынан бері Сарымазардан келген жеті \
баспана іздеушінің мүддесін қорғап келемін. Желтоқсанның он жетісінде біз БҰҰ-ның Азаптауға \
қарсы комитетіне шағым жібердік. Комитет жиырма бірінші желтоқсанда уақытша шаралар қабылдап, \
шағым қаралып жатқанда оларды Өзбекстанға бермеуді сұрады. Бұл туралы хатты мен Бас \
прокуратураға, тергеу изоляторының әкімшілігіне және сотқа тапсырдым.

Жиырма сегізінші шілдеде түнгі сағат екілер шамасында Фаррух Абдулхайровты изолятордан алып \
кетті. Мен бұны таңертең ғана білдім. Прокуратура маған ресми түрде хабарлаған жоқ, ал \
экстрадиция туралы шешімнің көшірмесін мен тек жиырма алтыншы шілдеде алдым, яғни шағымдануға \
уақыт берілмеді. Ол «Жалаңқұм» өткізу пункті арқылы өзбек тарапына тапсырылды.

Фаррух Тәжікстан азаматы, бірақ көп жыл Өзбекстанда тұрған. Оның туыстары қазір оның қай жерде \
екенін білмейді. Өзбек тарапы оны қандай айыппен ұстап отырғанын да айтпайды. Бұл – БҰҰ \
комитетінің уақытша шараларын өрескел бұзу.

Қалған алты адам әлі изоляторда. Оларды «келесі кезек сендерде» деп қорқытып жүр. Мен Комитетке \
қосымша хабарлама жібердім және Бас прокурорға хат жаздым. Бұл сұхбатты менің атыммен \
жариялауға келісемін."""

_T_ANON_EN = """\
I was detained together with the others in June 2014, but I was released in November because the \
prosecutor said the documents from Uzbekistan about me were incomplete. Since then I have not \
slept at home. I change flats every few weeks.

In September a man who spoke Uzbek with a Sarimozor accent called my phone from a Kazakh number. \
He knew my full name and my father's name. He said that my case was "not closed" and that he \
could help me "go home quietly" if I told him which of the asylum seekers still went to the \
mosque on Fridays. I hung up and threw away the SIM card.

Before my release, in SIZO No. 3, I was held alone for almost two months in a cell with no \
window. A guard told me this was because I "talked too much" to the lawyer. I was allowed out for \
a walk only a few times. I asked for a dentist and was refused.

Please do not use my name or any detail that could identify me. I am speaking so that the lawyer \
and the organisation know what is happening, not for publication."""

_T_SHERZOD_RU = """\
Меня задержали четырнадцатого июня 2014 года на строительном рынке в Бескайыне, где я работал \
грузчиком. Сказали, что я в розыске в Узбекистане за «экстремизм». До этого я никогда не был под \
следствием.

В Узбекистане в 2012 году арестовали моего двоюродного брата. Через месяц его тело привезли \
домой, хоронить велели ночью, гроб открывать запретили. Соседи видели следы на руках. После \
этого к нам начали приходить из махалли и спрашивать обо мне. Поэтому я уехал.

В СИЗО со мной обращаются нормально, не бьют. Но каждый раз, когда приходит новость о выдаче \
кого-то из земляков, я несколько ночей не сплю. Сотрудник оперативной части сказал мне: «ООН \
далеко, а граница близко».

Прошу указывать меня под другим именем — Азиз. Моя мать осталась в Саримазаре. Если там узнают, \
что я говорю с правозащитниками, ей будет плохо. Согласен, чтобы мой рассказ передали в Комитет \
ООН."""

_TESTIMONIES: tuple[dict[str, Any], ...] = (
    {"key": "t_talgat", "case": "kdr", "interviewee": "b_talgat", "interviewer": _ASEL,
     "date": "2013-10-02", "place": "pl_ngo_office", "mode": "in_person", "language": "ru",
     "present": ["b_irina"], "consent": "un_bodies",
     "title": "Показания Т. Есимханова: площадь, автобус, подвал ГОВД", "text": _T_TALGAT_RU},
    {"key": "t_erbolat", "case": "kdr", "interviewee": "b_erbolat", "interviewer": _ASEL,
     "date": "2013-10-03", "place": "pl_kendyaral", "mode": "in_person", "language": "kk",
     "consent": "publish_anonymised",
     "title": "Е. Дүйсенқұловтың айғақтары: пакетпен тұншықтыру", "text": _T_ERBOLAT_KK},
    {"key": "t_kulpash", "case": "kdr", "interviewee": "b_kulpash", "interviewer": _ASEL,
     "date": "2013-11-15", "mode": "phone", "language": "ru", "consent": "publish_named",
     "title": "Мать Б. Оразгалиева о задержании сына и туберкулёзе в СИЗО",
     "text": _T_KULPASH_RU},
    {"key": "t_gulzhan", "case": "kdr", "interviewee": "b_gulzhan", "interviewer": _ASEL,
     "date": "2013-10-05", "place": "pl_kendyaral", "mode": "in_person", "language": "kk",
     "present": ["b_irina"], "consent": "un_bodies",
     "title": "Г. Ақмырзаева: күйеуінің қамаудан кейін қайтыс болуы", "text": _T_GULZHAN_KK},
    {"key": "t_k2", "case": "kdr", "interviewee": "b_witness_k2", "interviewer": _ASEL,
     "date": "2013-10-04", "place": "pl_aksairan", "mode": "in_person", "language": "ru",
     "consent": "internal", "title": "Свидетель К-2: камера ИВС, 7–11 сентября",
     "text": _T_K2_RU},
    {"key": "t_doctor", "case": "kdr", "interviewee": "b_madina", "interviewer": _WHITCOMBE,
     "date": "2013-10-20", "mode": "video", "language": "en", "interpreter": _DANA,
     "consent": "publish_anonymised", "title": "Emergency physician (\"Dr Nur\") on injuries seen",
     "text": _T_DOCTOR_EN},
    {"key": "t_askhat", "case": "kdr", "interviewee": "b_askhat", "interviewer": _ASEL,
     "date": "2014-04-30", "place": "pl_sizo_aks", "mode": "written", "language": "kk",
     "consent": "un_bodies", "title": "А. Жақыпбековтың жазбаша арызы", "text": _T_ASKHAT_KK},
    {"key": "t_irina", "case": "kdr", "interviewee": "b_irina", "interviewer": _ASEL,
     "date": "2014-05-20", "place": "pl_aksairan", "mode": "in_person", "language": "ru",
     "consent": "publish_named", "title": "Адвокат И. Ларионова о судебном процессе",
     "text": _T_IRINA_RU},
    {"key": "t_bakhtiyor", "case": "ext", "interviewee": "a_bakhtiyor", "interviewer": _GULNAR,
     "date": "2014-09-14", "place": "pl_sizo_bsk", "mode": "in_person", "language": "ru",
     "consent": "un_bodies", "title": "Б. Эргашходжаев: пытки в 2005 году и риск при выдаче",
     "text": _T_BAKHTIYOR_RU},
    {"key": "t_ulugbek", "case": "ext", "interviewee": "a_ulugbek", "interviewer": _WHITCOMBE,
     "date": "2014-11-02", "place": "pl_sizo_bsk", "mode": "in_person", "language": "en",
     "interpreter": _DILNOZA, "present": ["a_gulnar"], "consent": "un_bodies",
     "title": "U. Mirzaakhmedov: questioning, arrest and a visit by Uzbek officers",
     "text": _T_ULUGBEK_EN},
    {"key": "t_munira", "case": "ext", "interviewee": "a_munira", "interviewer": _GULNAR,
     "date": "2015-08-03", "mode": "phone", "language": "ru", "consent": "publish_anonymised",
     "title": "М. Эргашходжаева о выдаче Ф. Абдулхайрова", "text": _T_MUNIRA_RU},
    {"key": "t_gulnar", "case": "ext", "interviewee": "a_gulnar", "interviewer": _ASEL,
     "date": "2015-08-10", "place": "pl_beskaiyn", "mode": "in_person", "language": "kk",
     "consent": "publish_named", "title": "Адвокат Г. Сейітқалиева: уақытша шаралардың бұзылуы",
     "text": _T_GULNAR_KK},
    {"key": "t_anon", "case": "ext", "interviewee": "a_anon", "interviewer": _WHITCOMBE,
     "date": "2015-09", "mode": "phone", "language": "en", "interpreter": _DILNOZA,
     "consent": "internal", "title": "Detainee No. 6: isolation and pressure after release",
     "text": _T_ANON_EN},
    {"key": "t_sherzod", "case": "ext", "interviewee": "a_sherzod", "interviewer": _GULNAR,
     "date": "2015-02-08", "place": "pl_sizo_bsk", "mode": "in_person", "language": "ru",
     "present": ["a_gulnar"], "consent": "un_bodies",
     "title": "«Азиз»: задержание и страх выдачи", "text": _T_SHERZOD_RU},
)

_TRANSLATIONS: tuple[dict[str, Any], ...] = (
    {"testimony": "t_talgat", "language": "en", "text": _T_TALGAT_EN, "translator": _DANA,
     "reviewer": "J. Whitcombe", "status": "approved"},
    {"testimony": "t_erbolat", "language": "ru", "text": _T_ERBOLAT_RU,
     "translator": "Әсел Нұрмағанбетова", "reviewer": "Ирина Ларионова", "status": "reviewed"},
    {"testimony": "t_gulzhan", "language": "en", "text": _T_GULZHAN_EN_DRAFT, "translator": _DANA,
     "status": "draft"},
    {"testimony": "t_bakhtiyor", "language": "en", "text": _T_BAKHTIYOR_EN, "translator": _DANA,
     "reviewer": "J. Whitcombe", "status": "approved"},
    {"testimony": "t_ulugbek", "language": "ru", "text": _T_ULUGBEK_RU,
     "translator": "Гульнар Сейткалиева", "reviewer": "Ирина Ларионова", "status": "reviewed"},
)

# ---------------------------------------------------------------------------------------------
# Allegations and perpetrators
# ---------------------------------------------------------------------------------------------

_ALLEGATIONS: tuple[dict[str, Any], ...] = (
    {"key": "al_talgat", "case": "kdr", "victim": "b_talgat", "event": "eB_basement",
     "place": "pl_govd", "date": "2013-09-07/2013-09-08",
     "methods": ["beating", "degradation", "extreme_temperature", "forced_postures",
                 "breaking_bones"],
     "intents": ["confession", "punishment"], "statement_under_duress": True,
     "consequences": ["injury", "psychological_harm"], "medical_examination": True,
     "medical_findings": "10.09.2013, Kendyaral City Hospital: contusions of the back and "
                         "thighs; fractures of the 7th and 8th left ribs (X-ray).",
     "complaint_filed": True, "investigation_status": "refused",
     "articles": ["cat_1", "cat_2", "cat_12", "cat_13", "cat_15", "cat_16"],
     "language": "en",
     "description": "Beaten in the bus and in the GOVD basement, hosed with cold water and kept "
                    "kneeling overnight; signed a statement against others under threat.",
     "perpetrators": [("b_galymzhan", "org_omon", "carried_out"),
                      ("b_duman", None, "carried_out"),
                      ("b_erden", None, "ordered"),
                      (None, "org_govd", "failed_to_prevent")]},
    {"key": "al_erbolat", "case": "kdr", "victim": "b_erbolat", "event": "eB_interrogations",
     "place": "pl_govd", "date": "2013-09-08",
     "methods": ["asphyxiation", "strangulation", "threats_family", "deprivation_sleep",
                 "sensory_stress"],
     "intents": ["confession", "information"], "statement_under_duress": True,
     "consequences": ["injury", "psychological_harm"], "medical_examination": False,
     "complaint_filed": True, "investigation_status": "closed",
     "articles": ["cat_1", "cat_12", "cat_15"], "language": "kk",
     "description": "Екінші қабаттағы кабинетте басына пакет кигізіп тұншықтырған, інісіне "
                    "қоқан-лоқы көрсеткен; мойындау жауабы сотта дәлел ретінде қабылданған.",
     "perpetrators": [("b_duman", "org_govd", "carried_out")]},
    {"key": "al_kairat", "case": "kdr", "victim": "b_kairat", "event": "eB_basement",
     "place": "pl_govd", "date": "2013-09-07/2013-09-10",
     "methods": ["beating", "degradation", "extreme_temperature", "deprivation_medical_care"],
     "intents": ["punishment", "intimidation"],
     "consequences": ["injury", "death"], "medical_examination": True,
     "medical_findings": "Forensic report No. 214 of 16.09.2013: fractures of four ribs, "
                         "rupture of the spleen with internal bleeding; injuries consistent "
                         "with repeated blows by blunt objects 4–7 days before death.",
     "complaint_filed": True, "investigation_status": "convicted",
     "articles": ["cat_1", "cat_2", "cat_4", "cat_12", "cat_14", "cat_16"],
     "language": "ru",
     "description": "Избит в подвале ГОВД, в ИВС не получил медицинской помощи; умер через "
                    "четыре дня после освобождения. Осуждён только дежурный ИВС — за халатность.",
     "perpetrators": [(None, "org_omon", "carried_out"),
                      ("b_rinat", "org_ivs", "failed_to_prevent"),
                      ("b_erden", None, "ordered")]},
    {"key": "al_bauyrzhan", "case": "kdr", "victim": "b_bauyrzhan", "event": "eB_ivs",
     "place": "pl_ivs", "date": "2013-09-08/2013-09-12",
     "methods": ["beating", "deprivation_medical_care", "isolation"],
     "intents": ["punishment"], "consequences": ["illness"], "medical_examination": True,
     "medical_findings": "Pulmonary tuberculosis diagnosed in SIZO No. 1 at the end of "
                         "November 2013; treatment began in December.",
     "complaint_filed": False, "investigation_status": "no_complaint",
     "articles": ["cat_16"], "language": "en",
     "description": "Held incommunicado for five days in an overcrowded cell; medical care "
                    "refused.",
     "perpetrators": [(None, "org_ivs", "failed_to_prevent")]},
    {"key": "al_askhat", "case": "kdr", "victim": "b_askhat", "event": "eB_interrogations",
     "place": "pl_govd", "date": "2013-09-08/2013-09-11",
     "methods": ["forced_postures", "deprivation_sleep", "deprivation_water", "beating",
                 "electric_shock", "threats_victim"],
     "intents": ["confession"], "statement_under_duress": True,
     "consequences": ["psychological_harm"], "medical_examination": True,
     "medical_findings": "Forensic examination one month later: no injuries found.",
     "complaint_filed": True, "investigation_status": "refused",
     "articles": ["cat_1", "cat_13", "cat_15"], "language": "en",
     "description": "Three days without sleep standing facing the wall; blows to the head "
                    "through a book; an electric shock to a finger.",
     "perpetrators": [("b_duman", None, "carried_out"), (None, "org_govd", "carried_out")]},
    {"key": "al_aigul", "case": "kdr", "victim": "b_aigul", "event": "eB_arrests",
     "place": "pl_square", "date": "2013-09-07",
     "methods": ["beating", "sexual_threats_harassment", "degradation"],
     "intents": ["intimidation"], "statement_under_duress": False,
     "consequences": ["injury", "psychological_harm"], "medical_examination": True,
     "medical_findings": "Bruises on both forearms and the left shoulder.",
     "complaint_filed": False, "investigation_status": "no_complaint",
     "articles": ["cat_16"], "language": "en",
     "description": "Dragged to the bus by her hair; officers threatened her with sexual "
                    "violence in front of other detainees.",
     "perpetrators": [(None, "org_omon", "carried_out")]},
    {"key": "al_bakhtiyor", "case": "ext", "victim": "a_bakhtiyor", "event": "eA_torture_uz",
     "place": "pl_uz_police", "date": "2005-11",
     "methods": ["beating", "forced_postures", "asphyxiation", "electric_shock",
                 "threats_family"],
     "intents": ["confession"], "statement_under_duress": True,
     "consequences": ["injury", "psychological_harm"], "medical_examination": False,
     "complaint_filed": False, "investigation_status": "unknown",
     "articles": ["cat_1", "cat_3", "iccpr_7"], "language": "ru",
     "description": "Удары дубинками по пяткам, подвешивание, противогаз, электрический ток, "
                    "угрозы жене; подписал признание. Основание опасаться пыток при выдаче.",
     "perpetrators": [(None, "org_uz_ss", "carried_out")]},
    {"key": "al_farrukh", "case": "ext", "victim": "a_farrukh", "event": "eA_extradition",
     "place": "pl_border", "date": "2015-07-28",
     "consequences": ["psychological_harm"], "complaint_filed": True,
     "investigation_status": "unknown", "articles": ["cat_3", "rc_33", "iccpr_7"],
     "language": "en",
     "description": "Handed over to Uzbekistan despite the Committee's interim measures, two "
                    "days after the extradition decision was served; no chance to appeal.",
     "perpetrators": [(None, "org_gp", "ordered"), ("a_serik", "org_pr_bsk", "carried_out"),
                      (None, "org_sizo", "present")]},
    {"key": "al_ulugbek", "case": "ext", "victim": "a_ulugbek", "event": "eA_sizo",
     "place": "pl_sizo_bsk", "date": "2014-08",
     "methods": ["threats_family", "psychological_torture"],
     "intents": ["intimidation", "information"], "consequences": ["psychological_harm"],
     "medical_examination": False, "complaint_filed": False,
     "investigation_status": "no_complaint", "articles": ["cat_3", "cat_16"],
     "language": "en",
     "description": "Questioned in the SIZO by two men from Uzbekistan without Kazakh staff "
                    "present; pressed to return \"voluntarily\".",
     "perpetrators": [(None, "org_uz_ss", "carried_out"), (None, "org_sizo", "failed_to_prevent")]},
    {"key": "al_anon", "case": "ext", "victim": "a_anon", "event": "eA_sizo",
     "place": "pl_sizo_bsk", "date": "2014-09/2014-11",
     "methods": ["isolation", "deprivation_medical_care"], "intents": ["punishment"],
     "consequences": ["psychological_harm"], "medical_examination": False,
     "complaint_filed": False, "investigation_status": "no_complaint", "articles": ["cat_16"],
     "language": "en",
     "description": "Nearly two months alone in a windowless cell after talking to the lawyer; "
                    "dental care refused.",
     "perpetrators": [(None, "org_sizo", "carried_out")]},
)

# ---------------------------------------------------------------------------------------------
# Interventions, sources, recommendations
# ---------------------------------------------------------------------------------------------

_CAT_REF = "CAT communication No. 917/2014"

_INTERVENTIONS: tuple[dict[str, Any], ...] = (
    {"key": "iv_cat", "case": "ext", "body": "UN Committee against Torture",
     "intervention_type": "complaint", "reference": _CAT_REF, "date": "2014-12-17",
     "response_date": "2014-12-21", "status": "registered",
     "response": "Registered and transmitted to the State party; interim measures requested."},
    {"key": "iv_im_request", "case": "ext", "body": "UN Committee against Torture",
     "intervention_type": "interim_measures_request", "reference": _CAT_REF,
     "date": "2014-12-17", "response_date": "2014-12-21", "status": "granted",
     "response": "Request granted by the Rapporteur on new complaints and interim measures."},
    {"key": "iv_im_granted", "case": "ext", "body": "UN Committee against Torture",
     "intervention_type": "interim_measures_granted", "reference": _CAT_REF,
     "date": "2014-12-21", "status": "in force",
     "response": "The State party is requested not to extradite the complainants to Uzbekistan "
                 "while their complaint is under consideration by the Committee."},
    {"key": "iv_im_reaffirmed", "case": "ext", "body": "UN Committee against Torture",
     "intervention_type": "interim_measures_granted", "reference": _CAT_REF,
     "date": "2015-04-19", "status": "in force",
     "response": "Interim measures reaffirmed after the State party contested admissibility."},
    {"key": "iv_letter_gp", "case": "ext",
     "body": "Prosecutor General's Office of Kazakhstan", "intervention_type": "letter",
     "reference": "Letter ref. SJI-2015/06", "date": "2015-06-02", "status": "no reply",
     "response": ""},
    {"key": "iv_urgent", "case": "ext", "body": "UN Committee against Torture",
     "intervention_type": "urgent_appeal", "reference": _CAT_REF, "date": "2015-07-29",
     "status": "sent",
     "response": "Acknowledged; the Committee asked the State party for explanations."},
    {"key": "iv_complaint_kdr", "case": "kdr", "body": "Kendyaral City Prosecutor's Office",
     "intervention_type": "complaint", "reference": "вх. № 3-417/13", "date": "2013-09-20",
     "response_date": "2013-10-18", "status": "refused",
     "response": "Отказ в возбуждении уголовного дела за отсутствием состава преступления: "
                 "«факты применения недозволенных методов не подтвердились»."},
    {"key": "iv_appeal_kdr", "case": "kdr", "body": "Aksairan Regional Prosecutor's Office",
     "intervention_type": "complaint", "reference": "вх. № 12-88/13", "date": "2013-11-05",
     "status": "pending", "response": ""},
    {"key": "iv_sr_kdr", "case": "kdr", "body": "UN Special Rapporteur on torture",
     "intervention_type": "urgent_appeal", "reference": "", "date": "2013-09-25",
     "status": "sent", "response": ""},
)

_SOURCES: tuple[dict[str, Any], ...] = (
    {"key": "s_report", "title": "Kendyaral, September 2013: Arrests and Ill-Treatment after "
                                 "the Square Protest",
     "author": "Asel Nurmaganbetova", "organisation": "Dala Rights Monitor", "date": "2013-11",
     "url": "https://example.org/dala/reports/kendyaral-2013", "accessed": "2014-01-15",
     "reliability": "high",
     "excerpt": "Of the 23 former detainees we interviewed, 17 described beatings in the "
                "basement of the City Police Department between 7 and 9 September."},
    {"key": "s_forensic", "title": "Заключение судебно-медицинской экспертизы № 214 (копия)",
     "author": "", "organisation": "Бюро судебно-медицинской экспертизы Аксайранской области",
     "date": "2013-09-16", "reliability": "high",
     "excerpt": "Переломы 5–8 рёбер слева, разрыв селезёнки; повреждения образовались от "
                "многократных воздействий тупых твёрдых предметов за 4–7 суток до смерти."},
    {"key": "s_news", "title": "Кендыарал: родственники задержанных третьи сутки ищут их",
     "author": "Д. Сапарова", "organisation": "«Степной вестник» (онлайн-издание)",
     "date": "2013-09-10", "url": "https://example.net/vestnik/2013/09/10/kendyaral",
     "accessed": "2013-09-11", "reliability": "medium",
     "excerpt": "У здания ГОВД с утра стоят около сорока человек: матери и жёны задержанных "
                "говорят, что им не сообщают, кто находится в изоляторе."},
    {"key": "s_cat_letter", "title": "Letter of the Committee against Torture requesting "
                                     "interim measures, " + _CAT_REF,
     "author": "", "organisation": "UN Committee against Torture", "date": "2014-12-21",
     "reliability": "high",
     "excerpt": "The State party is requested not to extradite the complainants to Uzbekistan "
                "while their complaint is under consideration by the Committee."},
    {"key": "s_extradition", "title": "Extradition request concerning B. Ergashkhodjaev "
                                      "(unofficial translation)",
     "author": "", "organisation": "Prosecutor's Office of Sarimozor Region (Uzbekistan)",
     "date": "2014-06~", "reliability": "low",
     "excerpt": "…accused of membership of a banned religious-extremist organisation and of "
                "attempts to undermine the constitutional order…"},
    {"key": "s_trial_notes", "title": "Trial monitoring notes, Kendyaral City Court",
     "author": "Irina Larionova", "organisation": "", "date": "2014-02-03/2014-04-28",
     "reliability": "high",
     "excerpt": "Day 14: defendant Zhakypbekov retracts his confession, describing three days "
                "without sleep; the judge notes that no injuries were recorded."},
)

_SOURCE_LINKS: tuple[tuple[str, str, str, str], ...] = (
    # source key, entity kind, entity key, note
    ("s_report", "case", "kdr", "Main report on the case."),
    ("s_report", "allegation", "al_talgat", "Pages 12–14."),
    ("s_report", "allegation", "al_kairat", "Pages 18–21."),
    ("s_report", "event", "eB_basement", ""),
    ("s_forensic", "allegation", "al_kairat", "Cause of death."),
    ("s_forensic", "person", "b_kairat", ""),
    ("s_news", "event", "eB_arrests", "Relatives outside the GOVD."),
    ("s_cat_letter", "case", "ext", ""),
    ("s_cat_letter", "intervention", "iv_im_granted", "Text of the interim measures."),
    ("s_extradition", "person", "a_bakhtiyor", "Spelling of the name as in the request."),
    ("s_extradition", "event", "eA_arrests", ""),
    ("s_trial_notes", "event", "eB_trial", ""),
    ("s_trial_notes", "allegation", "al_askhat", "Retraction in court."),
    ("s_trial_notes", "testimony", "t_askhat", ""),
)

_RECOMMENDATIONS: tuple[tuple[str | None, str, dict[str, str]], ...] = (
    ("kdr", "Prosecutor General of the Republic of Kazakhstan", {
        "en": "Open an effective and impartial criminal investigation into the torture of "
              "detainees at the Kendyaral City Police Department on 7–11 September 2013, "
              "including the responsibility of commanding officers, and inform the victims of "
              "its progress.",
        "ru": "Возбудить эффективное и беспристрастное уголовное расследование пыток "
              "задержанных в Кендыаральском ГОВД 7–11 сентября 2013 года, включая "
              "ответственность командиров, и информировать потерпевших о его ходе.",
        "kk": "2013 жылғы 7–11 қыркүйекте Кендіарал ҚІІБ-де ұсталғандарды азаптау фактілері "
              "бойынша, басшылардың жауаптылығын қоса алғанда, тиімді әрі бейтарап қылмыстық "
              "тергеу бастау және жәбірленушілерге оның барысы туралы хабарлап отыру."}),
    ("kdr", "Supreme Court of the Republic of Kazakhstan", {
        "en": "Review the convictions of May 2014 and exclude every statement obtained under "
              "torture or without a lawyer, as required by article 15 of the Convention.",
        "ru": "Пересмотреть приговоры, вынесенные в мае 2014 года, и исключить все показания, "
              "полученные под пытками или без адвоката, как того требует статья 15 Конвенции.",
        "kk": "2014 жылғы мамырда шығарылған үкімдерді қайта қарау және Конвенцияның 15-бабына "
              "сәйкес азаптау арқылы немесе адвокатсыз алынған барлық жауаптарды дәлелдемелерден "
              "алып тастау."}),
    ("kdr", "Ministry of Internal Affairs", {
        "en": "Ensure an independent medical examination of every detainee on admission to a "
              "temporary detention facility, recorded out of the hearing and sight of police.",
        "ru": "Обеспечить независимое медицинское освидетельствование каждого задержанного при "
              "поступлении в ИВС без присутствия сотрудников полиции.",
        "kk": "Уақытша ұстау изоляторына түскен әрбір ұсталған адамды полиция қызметкерлерінсіз "
              "тәуелсіз медициналық куәландырудан өткізуді қамтамасыз ету."}),
    ("ext", "Government of the Republic of Kazakhstan", {
        "en": "Comply with the interim measures of the UN Committee against Torture and do not "
              "extradite or otherwise return the remaining six men to Uzbekistan.",
        "ru": "Соблюдать временные меры Комитета ООН против пыток и не выдавать и иным образом "
              "не возвращать оставшихся шестерых мужчин в Узбекистан.",
        "kk": "БҰҰ-ның Азаптауға қарсы комитетінің уақытша шараларын орындау және қалған алты "
              "адамды Өзбекстанға бермеу әрі басқа жолмен қайтармау."}),
    ("ext", "UN Committee against Torture", {
        "en": "Ask the State party for information on the whereabouts and treatment of "
              "F. Abdulkhairov, returned in breach of interim measures.",
        "ru": "Запросить у государства-участника сведения о местонахождении Ф. Абдулхайрова, "
              "выданного вопреки временным мерам, и об обращении с ним.",
        "kk": "Уақытша шараларды бұза отырып тапсырылған Ф. Абдулхайровтың қайда екені және оған "
              "қалай қаралып жатқаны туралы қатысушы мемлекеттен ақпарат сұрау."}),
)


# ---------------------------------------------------------------------------------------------
# Building
# ---------------------------------------------------------------------------------------------

def _build_places_and_organisations(b: _Builder) -> None:
    for key, place_type, parent, country, names in _PLACES:
        b.add("place", {"name": names, "place_type": place_type, "parent_id": b.ref(parent),
                        "country": country}, key)
    for key, org_type, parent, country, names in _ORGANISATIONS:
        b.add("organisation", {"name": names, "org_type": org_type,
                               "parent_id": b.ref(parent), "country": country}, key)


def _build_persons(b: _Builder) -> None:
    for spec in _PERSONS:
        fields = {k: v for k, v in spec.items() if k not in ("key", "names", "roles")}
        person = b.add("person", fields, spec["key"])
        for text, script, language, kind in spec["names"]:
            b.add("person_name", {"person_id": person.id, "text": text, "script": script,
                                  "language": language, "kind": kind})
        for case_key, role in spec["roles"]:
            b.add("case_role", {"case_id": b.ref(case_key), "person_id": person.id,
                                "role": role})


def _build_events(b: _Builder) -> None:
    for spec in _EVENTS:
        b.add("event", {"case_id": b.ref(spec["case"]), "event_type": spec["event_type"],
                        "title": spec["title"], "start": spec["start"],
                        "end": spec.get("end", ""), "place_id": b.ref(spec.get("place")),
                        "description": spec["description"], "language": spec["language"]},
              spec["key"])
    for source, target, relation in _EVENT_LINKS:
        b.add("event_link", {"from_event_id": b.ref(source), "to_event_id": b.ref(target),
                             "relation": relation})


def _build_testimonies(b: _Builder) -> None:
    for spec in _TESTIMONIES:
        b.add("testimony", {
            "case_id": b.ref(spec["case"]), "interviewee_id": b.ref(spec["interviewee"]),
            "interviewer": spec["interviewer"], "date": spec["date"],
            "place_id": b.ref(spec.get("place")), "mode": spec["mode"],
            "language": spec["language"], "interpreter": spec.get("interpreter", ""),
            "persons_present": [b.ref(k) for k in spec.get("present", [])],
            "consent": spec["consent"], "title": spec["title"], "text": spec["text"]},
            spec["key"])
    for spec in _TRANSLATIONS:
        testimony = b.records[spec["testimony"]]
        b.add("translation", {
            "target_kind": "testimony", "target_id": testimony.id, "field": "text",
            "language": spec["language"], "text": spec["text"],
            "translator": spec["translator"], "reviewer": spec.get("reviewer", ""),
            "status": spec["status"], "source_revision": testimony.revision})
    # The interviewee amended his testimony after its translation was approved: the English
    # translation now names an older revision and shows as stale.
    amended = b.records["t_bakhtiyor"]
    b.services.records.update(
        "testimony", amended.id, {"text": _T_BAKHTIYOR_RU + _T_BAKHTIYOR_ADDENDUM_RU},
        expected_revision=amended.revision)


def _build_allegations(b: _Builder) -> None:
    for spec in _ALLEGATIONS:
        fields = {k: v for k, v in spec.items()
                  if k not in ("key", "case", "victim", "event", "place", "perpetrators")}
        allegation = b.add("allegation", {
            "case_id": b.ref(spec["case"]), "victim_id": b.ref(spec["victim"]),
            "event_id": b.ref(spec["event"]), "place_id": b.ref(spec["place"]), **fields},
            spec["key"])
        for person, organisation, involvement in spec["perpetrators"]:
            b.add("perpetrator", {"allegation_id": allegation.id, "person_id": b.ref(person),
                                  "organisation_id": b.ref(organisation),
                                  "involvement": involvement})


def _build_interventions_sources_recommendations(b: _Builder) -> None:
    for spec in _INTERVENTIONS:
        fields = {k: v for k, v in spec.items() if k not in ("key", "case")}
        b.add("intervention", {"case_id": b.ref(spec["case"]), **fields}, spec["key"])
    for spec in _SOURCES:
        b.add("source", {k: v for k, v in spec.items() if k != "key"}, spec["key"])
    for source, kind, target, note in _SOURCE_LINKS:
        b.add("source_link", {"source_id": b.ref(source), "entity_kind": kind,
                              "entity_id": b.ref(target), "note": note})
    for case, addressee, text in _RECOMMENDATIONS:
        b.add("recommendation", {"case_id": b.ref(case), "addressee": addressee, "text": text})


def sketch_map_png() -> bytes:
    """A small PNG sketch map (square → bus → GOVD basement → IVS), drawn in memory."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 320), "white")
    draw = ImageDraw.Draw(image)
    ink, water, note = (30, 30, 30), (120, 170, 230), (170, 40, 40)
    draw.text((12, 8), "Kendyaral - sketch from interview, 2 Oct 2013 (not to scale)", fill=ink)
    draw.rectangle((20, 40, 170, 140), outline=ink, width=2)
    draw.text((30, 50), "Central Square", fill=ink)
    draw.text((30, 70), "x  arrested here", fill=note)
    draw.rectangle((40, 100, 110, 125), outline=ink)
    draw.text((46, 106), "market", fill=ink)
    draw.line((170, 90, 280, 90), fill=ink, width=2)
    draw.polygon([(280, 84), (292, 90), (280, 96)], fill=ink)
    draw.text((190, 70), "bus ~1 h", fill=ink)
    draw.rectangle((292, 40, 460, 200), outline=ink, width=2)
    draw.text((302, 48), "GOVD", fill=ink)
    draw.text((302, 66), "3rd floor: investigator", fill=ink)
    draw.rectangle((300, 140, 452, 192), fill=water, outline=ink)
    draw.text((306, 146), "basement: cold, floor hosed", fill=ink)
    draw.text((306, 164), "kneeling facing the wall", fill=ink)
    draw.rectangle((292, 230, 460, 300), outline=ink, width=2)
    draw.text((302, 240), "IVS (cells)", fill=ink)
    draw.line((376, 200, 376, 230), fill=ink, width=2)
    draw.text((20, 290), "Invented demo data", fill=note)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def build_demo(services: Services) -> DemoSummary:
    """Fill the open vault of ``services`` with the two invented demo cases; return a summary."""
    b = _Builder(services)
    _build_places_and_organisations(b)
    for key, data in _CASES:
        b.add("case", data, key)
    _build_persons(b)
    _build_events(b)
    _build_testimonies(b)
    _build_allegations(b)
    _build_interventions_sources_recommendations(b)
    services.attachments.add(
        io.BytesIO(sketch_map_png()), filename="sketch-map-kendyaral-govd.png",
        owner_kind="testimony", owner_id=b.ref("t_talgat"), media_type="image/png",
        captured_at="2013-10-02",
        provenance="Drawn by the interviewer from T. Esimkhanov's description during the "
                   "interview.")
    b.counts["attachment"] += 1
    return DemoSummary(extradition_case_id=b.ids["ext"], custody_case_id=b.ids["kdr"],
                       counts=dict(b.counts))


def create_demo_vault(path: Path) -> DemoSummary:
    """Create a new vault at ``path`` with :data:`DEMO_PASSPHRASE`, fill it, and lock it."""
    vault, _recovery_key = Vault.create(Path(path), DEMO_PASSPHRASE)
    try:
        return build_demo(Services(vault, DEMO_RESEARCHER))
    finally:
        vault.close()
