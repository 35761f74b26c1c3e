"""Controlled vocabularies: stable codes with labels in English, Russian and Kazakh.

Records store codes, never labels. Labels are data kept here (not in the gettext catalog) so
that a dossier can be written in any of the three languages whatever the interface language.
Kazakh labels are in Cyrillic script.

Decisions:
- Codes are snake_case and never change once released; labels may be improved. The only
  exception to snake_case are the script codes ``Cyrl`` and ``Latn`` (ISO 15924), and the
  language codes follow ISO 639-1.
- Convention articles use the codes ``cat_1`` … ``cat_16``, ``iccpr_7``, ``echr_3`` and
  ``rc_33`` (Refugee Convention).
- The methods of violence follow the HURIDOCS "methods of violence" list, grouped by category
  (physical, sexual, environmental, deprivation, psychological, pharmacological, other).
  Deprivations of food, water, sleep and medical care have separate codes because UN bodies
  ask about each.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from hrcase.errors import ValidationError
from hrcase.i18n import _

LABEL_LANGUAGES = ("en", "ru", "kk")


@dataclass(frozen=True)
class Term:
    """One entry of a vocabulary: a stable code, its labels per language, an optional group."""

    code: str
    labels: dict[str, str]
    group: str | None = None

    def label(self, lang: str) -> str:
        """The label in ``lang``, else in English, else the code."""
        return self.labels.get(lang) or self.labels.get("en") or self.code


@dataclass(frozen=True)
class Vocabulary:
    """An ordered list of terms with a name, a title per language and optional groups."""

    name: str
    title: dict[str, str]
    terms: tuple[Term, ...]
    group_labels: dict[str, dict[str, str]] = field(default_factory=dict)

    @property
    def codes(self) -> tuple[str, ...]:
        """All codes in their display order."""
        return tuple(term.code for term in self.terms)

    def __contains__(self, code: object) -> bool:
        return any(term.code == code for term in self.terms)

    def term(self, code: str) -> Term | None:
        """The term with ``code``, or None."""
        for term in self.terms:
            if term.code == code:
                return term
        return None

    def label(self, code: str, lang: str) -> str:
        """The label of ``code`` in ``lang`` (falls back to English, then to the code itself)."""
        term = self.term(code)
        return term.label(lang) if term is not None else code

    def title_in(self, lang: str) -> str:
        """The vocabulary's own title in ``lang`` (English, then the name, as fallbacks)."""
        return self.title.get(lang) or self.title.get("en") or self.name

    def choices(self, lang: str) -> list[tuple[str, str]]:
        """``(code, label)`` pairs in display order, for pickers and exports."""
        return [(term.code, term.label(lang)) for term in self.terms]

    def groups(self, lang: str) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """Terms by group: ``(group code, group label, [(code, label), …])`` in display order.

        Terms without a group are gathered under the group code ``""`` with an empty label.
        """
        order: list[str] = []
        members: dict[str, list[tuple[str, str]]] = {}
        for term in self.terms:
            key = term.group or ""
            if key not in members:
                order.append(key)
                members[key] = []
            members[key].append((term.code, term.label(lang)))
        result = []
        for key in order:
            labels = self.group_labels.get(key, {})
            label = labels.get(lang) or labels.get("en") or key
            result.append((key, label, members[key]))
        return result

    def validate(self, code: object, field: str) -> str:
        """Return ``code`` if it is one of this vocabulary's; else raise ValidationError(field)."""
        if code is None or code == "":
            raise ValidationError(field, _("A value must be chosen from the list."))
        if not isinstance(code, str) or code not in self:
            raise ValidationError(field, _("This value is not in the list of allowed values."))
        return code

    def validate_many(self, codes: Iterable[object], field: str) -> list[str]:
        """Validate several codes (the methods of an allegation); drop repeats, keep the order."""
        if isinstance(codes, str):
            raise ValidationError(field, _("A list of values is expected."))
        return list(dict.fromkeys(self.validate(code, field) for code in codes))


def _t(code: str, en: str, ru: str, kk: str, group: str | None = None) -> Term:
    return Term(code, {"en": en, "ru": ru, "kk": kk}, group)


def _l(en: str, ru: str, kk: str) -> dict[str, str]:
    return {"en": en, "ru": ru, "kk": kk}


_OTHER = ("Other", "Другое", "Басқа")
_UNKNOWN = ("Unknown", "Неизвестно", "Белгісіз")

_METHOD_GROUPS = {
    "physical": _l("Physical violence", "Физическое насилие", "Дене зорлығы"),
    "sexual": _l("Sexual violence", "Сексуальное насилие", "Жыныстық зорлық-зомбылық"),
    "environmental": _l("Environmental manipulation", "Воздействие условиями содержания",
                        "Ұстау жағдайлары арқылы әсер ету"),
    "deprivation": _l("Deprivation", "Лишение базовых потребностей",
                      "Негізгі қажеттіліктерден айыру"),
    "psychological": _l("Psychological violence", "Психологическое насилие",
                        "Психологиялық зорлық-зомбылық"),
    "pharmacological": _l("Pharmacological", "Фармакологическое воздействие",
                          "Фармакологиялық әсер ету"),
    "other": _l(*_OTHER),
}

_METHODS = (
    _t("beating", "Beating (incl. blows with truncheons)",
       "Избиение (в т. ч. удары дубинкой)",
       "Ұрып-соғу (соның ішінде таяқпен ұру)", "physical"),
    _t("wounding", "Wounding", "Нанесение ранений", "Жаралау", "physical"),
    _t("breaking_bones", "Breaking of bones", "Переломы костей", "Сүйектерді сындыру", "physical"),
    _t("burns", "Burns", "Ожоги", "Күйдіру", "physical"),
    _t("electric_shock", "Electric shock", "Пытка электрическим током",
       "Электр тогымен азаптау", "physical"),
    _t("asphyxiation", "Asphyxiation (incl. plastic bag, gas mask, water)",
       "Асфиксия (в т. ч. полиэтиленовым пакетом, противогазом, водой)",
       "Тұншықтыру (соның ішінде полиэтилен пакетпен, газтұмылдырықпен, сумен)", "physical"),
    _t("strangulation", "Strangulation", "Удушение (сдавливание шеи)",
       "Буындыру (мойнын қысу)", "physical"),
    _t("forced_postures", "Forced postures (incl. suspension, forced squatting or standing)",
       "Вынужденные позы (в т. ч. подвешивание, принудительное сидение на корточках или стояние)",
       "Мәжбүрлі дене қалпы (соның ішінде ілу, ұзақ уақыт шоқиту немесе тұрғызып қою)",
       "physical"),
    _t("immobilisation", "Immobilisation (prolonged restraint)",
       "Обездвиживание (длительная фиксация)",
       "Қозғалтпай ұстау (ұзақ уақыт байлап не кісендеп қою)", "physical"),
    _t("rape", "Rape", "Изнасилование", "Зорлау", "sexual"),
    _t("sexual_threats_harassment", "Sexual threats and harassment",
       "Угрозы сексуального насилия и сексуальные домогательства",
       "Жыныстық зорлық-зомбылық жасаймын деп қорқыту және жыныстық қудалау", "sexual"),
    _t("extreme_temperature", "Exposure to extreme heat or cold",
       "Воздействие сильной жары или холода", "Қатты ыстыққа немесе суыққа ұстау",
       "environmental"),
    _t("sensory_stress", "Sensory stress (noise, light, darkness)",
       "Сенсорное воздействие (шум, свет, темнота)",
       "Сезім мүшелеріне әсер ету (шу, жарық, қараңғылық)", "environmental"),
    _t("isolation", "Isolation (incl. solitary confinement)",
       "Изоляция (в т. ч. одиночное содержание)",
       "Оқшаулау (соның ішінде жалғыз камерада ұстау)", "environmental"),
    _t("deprivation_food", "Deprivation of food", "Лишение пищи", "Тамақтан айыру",
       "deprivation"),
    _t("deprivation_water", "Deprivation of water", "Лишение воды", "Судан айыру",
       "deprivation"),
    _t("deprivation_sleep", "Sleep deprivation", "Лишение сна", "Ұйқыдан айыру", "deprivation"),
    _t("deprivation_medical_care", "Denial of medical care", "Лишение медицинской помощи",
       "Медициналық көмектен айыру", "deprivation"),
    _t("degradation", "Degradation (incl. forced nakedness, being walked on)",
       "Унижение достоинства (в т. ч. принудительное раздевание, хождение по телу)",
       "Ар-намысты қорлау (соның ішінде еріксіз шешіндіру, денесін басып жүру)",
       "psychological"),
    _t("threats_victim", "Threats against the victim", "Угрозы в адрес пострадавшего",
       "Жәбірленушіге қоқан-лоқы көрсету", "psychological"),
    _t("threats_family", "Threats against family members", "Угрозы в адрес родственников",
       "Туыстарына қоқан-лоқы көрсету", "psychological"),
    _t("death_threats", "Death threats", "Угрозы убийством", "Өлтіремін деп қорқыту",
       "psychological"),
    _t("psychological_torture", "Psychological torture (other forms)",
       "Психологическая пытка (иные формы)", "Психологиялық азаптау (басқа түрлері)",
       "psychological"),
    _t("pharmacological", "Pharmacological manipulation (forced administration of drugs)",
       "Фармакологическое воздействие (принудительное введение препаратов)",
       "Фармакологиялық әсер ету (дәрі-дәрмекті еріксіз енгізу)", "pharmacological"),
    _t("other", *_OTHER, "other"),
)

_INTENTS = (
    _t("confession", "To extract a confession", "Получение признания",
       "Кінәсін мойындату"),
    _t("information", "To obtain information", "Получение информации", "Ақпарат алу"),
    _t("punishment", "Punishment", "Наказание", "Жазалау"),
    _t("intimidation", "Intimidation or coercion", "Запугивание или принуждение",
       "Қорқыту немесе мәжбүрлеу"),
    _t("discrimination", "Discrimination", "Дискриминация", "Кемсітушілік"),
    _t("other", *_OTHER),
)

_ROLES = (
    _t("victim", "Victim", "Пострадавший", "Жәбірленуші"),
    _t("witness", "Witness", "Свидетель", "Куә"),
    _t("alleged_perpetrator", "Alleged perpetrator", "Предполагаемый исполнитель",
       "Болжамды кінәлі адам"),
    _t("relative", "Relative", "Родственник", "Туысы"),
    _t("lawyer", "Lawyer", "Адвокат", "Адвокат"),
    _t("official", "Official", "Должностное лицо", "Лауазымды адам"),
    _t("source", "Source of information", "Источник информации", "Ақпарат көзі"),
)

_EVENT_TYPES = (
    _t("arrest", "Arrest", "Задержание", "Ұстау"),
    _t("detention", "Detention", "Содержание под стражей", "Қамауда ұстау"),
    _t("interrogation", "Interrogation", "Допрос", "Жауап алу"),
    _t("ill_treatment", "Torture or ill-treatment", "Пытки или жестокое обращение",
       "Азаптау немесе қатыгез қарау"),
    _t("death_in_custody", "Death in custody", "Смерть под стражей", "Қамауда қайтыс болу"),
    _t("hearing", "Court hearing", "Судебное заседание", "Сот отырысы"),
    _t("verdict", "Verdict", "Приговор", "Үкім"),
    _t("extradition", "Extradition or forced return",
       "Экстрадиция или принудительное возвращение",
       "Экстрадициялау немесе күштеп қайтару"),
    _t("asylum_decision", "Asylum decision", "Решение по ходатайству об убежище",
       "Баспана беру туралы шешім"),
    _t("complaint", "Complaint", "Жалоба", "Шағым"),
    _t("interim_measures", "Interim measures", "Временные меры", "Уақытша шаралар"),
    _t("release", "Release", "Освобождение", "Босату"),
)

_INVOLVEMENT = (
    _t("carried_out", "Carried out", "Непосредственно совершил", "Тікелей жасаған"),
    _t("ordered", "Ordered", "Отдал приказ", "Бұйрық берген"),
    _t("present", "Was present", "Присутствовал", "Қатысып тұрған"),
    _t("failed_to_prevent", "Failed to prevent", "Не предотвратил", "Алдын алмаған"),
)

_ORG_TYPES = (
    _t("police", "Police", "Полиция", "Полиция"),
    _t("special_police", "Special police unit (e.g. OMON)",
       "Специальное подразделение полиции (напр., ОМОН)",
       "Полицияның арнайы бөлімшесі (мысалы, ОМОН)"),
    _t("prison_service", "Prison service", "Уголовно-исполнительная система",
       "Қылмыстық-атқару жүйесі"),
    _t("security_service", "Security service", "Служба безопасности", "Қауіпсіздік қызметі"),
    _t("prosecutor", "Prosecutor's office", "Прокуратура", "Прокуратура"),
    _t("court", "Court", "Суд", "Сот"),
    _t("un_body", "UN body", "Орган ООН", "БҰҰ органы"),
    _t("ngo", "Non-governmental organisation", "Неправительственная организация",
       "Үкіметтік емес ұйым"),
    _t("other", *_OTHER),
)

_PLACE_TYPES = (
    _t("police_station", "Police station", "Отдел полиции", "Полиция бөлімі"),
    _t("temporary_detention", "Temporary detention facility (IVS)",
       "Изолятор временного содержания (ИВС)", "Уақытша ұстау изоляторы (УҰИ)"),
    _t("pretrial_detention", "Pre-trial detention centre (SIZO)",
       "Следственный изолятор (СИЗО)", "Тергеу изоляторы (ТИ)"),
    _t("prison", "Prison or penal colony", "Тюрьма или исправительная колония",
       "Түрме немесе түзеу мекемесі"),
    _t("court", "Court", "Суд", "Сот"),
    _t("border_crossing", "Border crossing", "Пункт пропуска через границу",
       "Шекарадан өткізу пункті"),
    _t("town", "Town or village", "Населённый пункт", "Елді мекен"),
    _t("other", *_OTHER),
)

_CAT_RU = "Конвенция против пыток"
_CAT_KK = "Азаптауларға қарсы конвенция"

_ARTICLES = (
    _t("cat_1", "CAT Article 1 (definition of torture)",
       f"{_CAT_RU}, ст. 1 (определение пытки)", f"{_CAT_KK}, 1-бап (азаптау ұғымы)"),
    _t("cat_2", "CAT Article 2 (obligation to prevent torture)",
       f"{_CAT_RU}, ст. 2 (обязанность предупреждать пытки)",
       f"{_CAT_KK}, 2-бап (азаптаудың алдын алу міндеті)"),
    _t("cat_3", "CAT Article 3 (non-refoulement)",
       f"{_CAT_RU}, ст. 3 (принцип невысылки)",
       f"{_CAT_KK}, 3-бап (кері қайтармау қағидаты)"),
    _t("cat_4", "CAT Article 4 (criminalisation of torture)",
       f"{_CAT_RU}, ст. 4 (уголовная ответственность за пытки)",
       f"{_CAT_KK}, 4-бап (азаптау үшін қылмыстық жауаптылық)"),
    _t("cat_12", "CAT Article 12 (prompt and impartial investigation)",
       f"{_CAT_RU}, ст. 12 (быстрое и беспристрастное расследование)",
       f"{_CAT_KK}, 12-бап (жедел әрі бейтарап тергеу)"),
    _t("cat_13", "CAT Article 13 (right to complain)",
       f"{_CAT_RU}, ст. 13 (право на подачу жалобы)",
       f"{_CAT_KK}, 13-бап (шағым беру құқығы)"),
    _t("cat_14", "CAT Article 14 (redress and compensation)",
       f"{_CAT_RU}, ст. 14 (возмещение ущерба и компенсация)",
       f"{_CAT_KK}, 14-бап (келтірілген зиянды өтеу және өтемақы)"),
    _t("cat_15", "CAT Article 15 (exclusion of statements obtained by torture)",
       f"{_CAT_RU}, ст. 15 (недопустимость показаний, полученных под пыткой)",
       f"{_CAT_KK}, 15-бап (азаптау арқылы алынған жауаптардың дәлелдеме ретінде "
       "пайдаланылмауы)"),
    _t("cat_16", "CAT Article 16 (cruel, inhuman or degrading treatment)",
       f"{_CAT_RU}, ст. 16 (жестокое, бесчеловечное или унижающее достоинство обращение)",
       f"{_CAT_KK}, 16-бап (қатыгез, адамгершілікке жатпайтын немесе ар-намысты қорлайтын "
       "іс-әрекеттер)"),
    _t("iccpr_7", "ICCPR Article 7 (prohibition of torture and ill-treatment)",
       "Международный пакт о гражданских и политических правах, ст. 7 "
       "(запрет пыток и жестокого обращения)",
       "Азаматтық және саяси құқықтар туралы халықаралық пакт, 7-бап "
       "(азаптауға және қатыгез қарауға тыйым салу)"),
    _t("echr_3", "ECHR Article 3 (prohibition of torture)",
       "Европейская конвенция о защите прав человека, ст. 3 (запрещение пыток)",
       "Адам құқықтарын қорғау туралы Еуропалық конвенция, 3-бап (азаптауға тыйым салу)"),
    _t("rc_33", "Refugee Convention Article 33 (non-refoulement)",
       "Конвенция о статусе беженцев, ст. 33 (запрещение высылки или принудительного "
       "возвращения)",
       "Босқындардың мәртебесі туралы конвенция, 33-бап (шығарып жіберуге немесе "
       "күштеп қайтаруға тыйым салу)"),
)

_CONSEQUENCES = (
    _t("injury", "Injury", "Телесные повреждения", "Дене жарақаты"),
    _t("illness", "Illness", "Заболевание", "Ауру"),
    _t("death", "Death", "Смерть", "Өлім"),
    _t("psychological_harm", "Psychological harm", "Психологическая травма",
       "Психологиялық жарақат"),
)

_INVESTIGATION_STATUS = (
    _t("no_complaint", "No complaint filed", "Жалоба не подавалась", "Шағым берілмеген"),
    _t("preliminary_inquiry", "Preliminary inquiry", "Доследственная проверка",
       "Тергеуге дейінгі тексеру"),
    _t("refused", "Refusal to open a criminal case", "Отказ в возбуждении уголовного дела",
       "Қылмыстық іс қозғаудан бас тарту"),
    _t("opened", "Criminal investigation opened", "Возбуждено уголовное дело",
       "Қылмыстық іс қозғалды"),
    _t("suspended", "Investigation suspended", "Расследование приостановлено",
       "Тергеу тоқтатыла тұрды"),
    _t("closed", "Investigation closed without charges", "Уголовное дело прекращено",
       "Қылмыстық іс тоқтатылды"),
    _t("charged", "Charges brought", "Предъявлено обвинение", "Айып тағылды"),
    _t("convicted", "Perpetrators convicted", "Виновные осуждены", "Кінәлілер сотталды"),
    _t("acquitted", "Perpetrators acquitted", "Обвиняемые оправданы", "Айыпталушылар ақталды"),
    _t("unknown", *_UNKNOWN),
)

_CONSENT = (
    _t("internal", "Internal use only", "Только для внутреннего использования",
       "Тек ішкі пайдалану үшін"),
    _t("un_bodies", "May be shared with UN bodies", "Можно передавать органам ООН",
       "БҰҰ органдарына беруге болады"),
    _t("publish_anonymised", "May be published anonymised", "Можно публиковать анонимно",
       "Аты-жөнін көрсетпей жариялауға болады"),
    _t("publish_named", "May be published with name", "Можно публиковать с указанием имени",
       "Аты-жөнін көрсетіп жариялауға болады"),
)

_DISCLOSURE = (
    _t("named", "Named", "Под своим именем", "Өз атымен"),
    _t("pseudonym", "Pseudonym", "Под псевдонимом", "Бүркеншік атпен"),
    _t("anonymous", "Anonymous", "Анонимно", "Анонимді"),
)

_CASE_STATUS = (
    _t("open", "Open", "Открыто", "Ашық"),
    _t("monitoring", "Monitoring", "На мониторинге", "Бақылауда"),
    _t("submitted", "Submitted", "Направлено в инстанцию", "Жіберілген"),
    _t("closed", "Closed", "Закрыто", "Жабылған"),
)

_CONFIDENTIALITY = (
    _t("public", "Public", "Открытый доступ", "Жария"),
    _t("restricted", "Restricted", "Ограниченный доступ", "Шектеулі қолжетімділік"),
    _t("confidential", "Confidential", "Конфиденциально", "Құпия"),
)

_TESTIMONY_MODE = (
    _t("in_person", "In person", "Лично", "Бетпе-бет"),
    _t("phone", "By phone", "По телефону", "Телефон арқылы"),
    _t("video", "By video call", "По видеосвязи", "Бейнебайланыс арқылы"),
    _t("written", "In writing", "Письменно", "Жазбаша"),
)

_TRANSLATION_STATUS = (
    _t("draft", "Draft", "Черновик", "Жоба"),
    _t("reviewed", "Reviewed", "Проверен", "Тексерілген"),
    _t("approved", "Approved", "Утверждён", "Бекітілген"),
)

_INTERVENTION_TYPES = (
    _t("complaint", "Complaint", "Жалоба", "Шағым"),
    _t("urgent_appeal", "Urgent appeal", "Срочное обращение", "Шұғыл үндеу"),
    _t("interim_measures_request", "Request for interim measures",
       "Запрос о временных мерах", "Уақытша шаралар туралы өтініш"),
    _t("interim_measures_granted", "Interim measures granted", "Временные меры приняты",
       "Уақытша шаралар қабылданды"),
    _t("letter", "Letter", "Письмо", "Хат"),
)

_NAME_KIND = (
    _t("primary", "Primary name", "Основное имя", "Негізгі аты"),
    _t("alias", "Alias", "Другое имя", "Басқа аты"),
    _t("transliteration", "Transliteration", "Транслитерация", "Транслитерация"),
)

_SCRIPTS = (
    _t("Cyrl", "Cyrillic", "Кириллица", "Кирилл жазуы"),
    _t("Latn", "Latin", "Латиница", "Латын жазуы"),
)

_RELIABILITY = (
    _t("high", "High", "Высокая", "Жоғары"),
    _t("medium", "Medium", "Средняя", "Орташа"),
    _t("low", "Low", "Низкая", "Төмен"),
    _t("unknown", *_UNKNOWN),
)

_SEX = (
    _t("female", "Female", "Женский", "Әйел"),
    _t("male", "Male", "Мужской", "Ер"),
    _t("other", *_OTHER),
    _t("unknown", *_UNKNOWN),
)

_LANGUAGES = (
    _t("ru", "Russian", "Русский", "Орыс тілі"),
    _t("kk", "Kazakh", "Казахский", "Қазақ тілі"),
    _t("en", "English", "Английский", "Ағылшын тілі"),
    _t("uz", "Uzbek", "Узбекский", "Өзбек тілі"),
    _t("ky", "Kyrgyz", "Киргизский", "Қырғыз тілі"),
    _t("tg", "Tajik", "Таджикский", "Тәжік тілі"),
    _t("other", *_OTHER),
)


def _v(name: str, title: tuple[str, str, str], terms: tuple[Term, ...],
       group_labels: dict[str, dict[str, str]] | None = None) -> Vocabulary:
    return Vocabulary(name, _l(*title), terms, group_labels or {})


VOCABULARIES: dict[str, Vocabulary] = {
    vocab.name: vocab
    for vocab in (
        _v("methods", ("Methods of torture or ill-treatment",
                       "Методы пыток или жестокого обращения",
                       "Азаптау немесе қатыгез қарау әдістері"), _METHODS, _METHOD_GROUPS),
        _v("intents", ("Purpose", "Цель", "Мақсаты"), _INTENTS),
        _v("roles", ("Role", "Роль", "Рөлі"), _ROLES),
        _v("event_types", ("Event type", "Тип события", "Оқиға түрі"), _EVENT_TYPES),
        _v("involvement", ("Degree of involvement", "Степень участия", "Қатысу дәрежесі"),
           _INVOLVEMENT),
        _v("org_types", ("Organisation type", "Тип организации", "Ұйым түрі"), _ORG_TYPES),
        _v("place_types", ("Place type", "Тип места", "Орын түрі"), _PLACE_TYPES),
        _v("articles", ("Articles engaged", "Затронутые статьи", "Қозғалатын баптар"),
           _ARTICLES),
        _v("consequences", ("Consequences", "Последствия", "Салдары"), _CONSEQUENCES),
        _v("investigation_status", ("Investigation status", "Ход расследования",
                                    "Тергеу барысы"), _INVESTIGATION_STATUS),
        _v("consent", ("Consent", "Согласие", "Келісім"), _CONSENT),
        _v("disclosure", ("Identity disclosure", "Раскрытие личности", "Жеке басын ашу"),
           _DISCLOSURE),
        _v("case_status", ("Case status", "Статус дела", "Іс мәртебесі"), _CASE_STATUS),
        _v("confidentiality", ("Confidentiality", "Конфиденциальность", "Құпиялылық"),
           _CONFIDENTIALITY),
        _v("testimony_mode", ("Interview mode", "Форма опроса", "Сұхбат түрі"),
           _TESTIMONY_MODE),
        _v("translation_status", ("Translation status", "Статус перевода", "Аударма мәртебесі"),
           _TRANSLATION_STATUS),
        _v("intervention_types", ("Intervention type", "Тип обращения", "Өтініш түрі"),
           _INTERVENTION_TYPES),
        _v("name_kind", ("Kind of name", "Вид имени", "Ат түрі"), _NAME_KIND),
        _v("scripts", ("Script", "Письменность", "Жазу"), _SCRIPTS),
        _v("reliability", ("Reliability", "Достоверность", "Сенімділік"), _RELIABILITY),
        _v("sex", ("Sex", "Пол", "Жынысы"), _SEX),
        _v("languages", ("Language", "Язык", "Тіл"), _LANGUAGES),
    )
}


def vocabulary(name: str) -> Vocabulary:
    """The vocabulary called ``name``; KeyError for an unknown name (a programming error)."""
    return VOCABULARIES[name]
