"""The fixed words of a dossier (headings, labels, notes) in English, Russian and Kazakh.

A dossier is written in the language its reader needs, whatever language the interface is in,
and from a worker thread: switching the interface language (``set_language``) for the build
would retranslate every open window under the user and race with the GUI thread. So, like the
vocabularies (``hrcase.domain.vocab``) and the date patterns (``hrcase.i18n.dates``), the
dossier's words are kept here in a table per language. The English texts are marked with
``N_`` so that they reach the interface catalog; a language without a table here uses their
translation from that catalog (``_``). Plural forms follow the rules in
``hrcase.i18n.plural``.

Every text is a ``str.format`` pattern; the tests check that every language has every key
with the same placeholders.
"""

from __future__ import annotations

from hrcase.i18n import N_, _
from hrcase.i18n.plural import plural_index

_ENGLISH: dict[str, str] = {
    # cover
    "kind_case": N_("Case dossier"),
    "kind_person": N_("Person dossier"),
    "kind_article": N_("Dossier by Convention article"),
    "organisation": N_("Organisation"),
    "author": N_("Author"),
    "date": N_("Date"),
    "audience": N_("Audience"),
    "language": N_("Language"),
    "audience_internal": N_("Internal: contains confidential material; not for distribution"),
    "audience_un": N_("UN treaty bodies and special procedures"),
    "audience_public": N_("Public"),
    "mark_internal": N_("INTERNAL – NOT FOR DISTRIBUTION"),
    "mark_un": N_("FOR UN BODIES"),
    "mark_public": N_("PUBLIC"),
    "signed_note": N_("This document carries a digital signature (PAdES) of its author. PDF "
                      "readers show whether it was changed after signing."),
    "sign_reason": N_("Author of the dossier"),
    "page_of": N_("Page {page} of {total}"),
    # sections
    "contents": N_("Contents"),
    "introduction": N_("Introduction"),
    "cases": N_("Cases"),
    "edition": N_("About this edition"),
    "figures": N_("Summary figures"),
    "timeline": N_("Case timeline"),
    "persons": N_("Persons"),
    "allegations": N_("Allegations by Convention article"),
    "testimonies": N_("Testimonies"),
    "interventions": N_("Interventions and responses"),
    "sources": N_("Sources"),
    "recommendations": N_("Recommendations"),
    "annex": N_("Annex: attachments"),
    # introduction
    "scope_case": N_("This dossier covers the case file listed below."),
    "scope_cases": N_("This dossier covers the case files listed below."),
    "scope_person": N_("This dossier gathers every record about {name} across the case files "
                       "listed below."),
    "scope_article": N_("This dossier gathers the allegations that engage {article}, across "
                        "the case files listed below."),
    "quoting": N_("Records are quoted in their original language. Where an approved "
                  "translation into {language} exists, it follows the original and is marked "
                  "as a translation with the translator's name."),
    "edition_internal": N_("This internal edition contains every record, including "
                           "confidential records and testimonies whose consent does not allow "
                           "publication. Do not distribute it."),
    "edition_restricted": N_("This edition respects the consent of the persons who gave "
                             "testimony and their wishes about disclosure of their identity:"),
    "edition_nothing": N_("No record needed to be left out."),
    "edition_caution": N_("Names of persons who asked not to be named are replaced by a "
                          "letter or a pseudonym, in square brackets inside quoted texts."),
    "country": N_("Country"),
    "status": N_("Status"),
    "classification": N_("Classification"),
    "tags": N_("Tags"),
    # figures
    "n_cases": N_("Cases"),
    "n_persons": N_("Persons"),
    "n_victims": N_("Victims"),
    "n_allegations": N_("Allegations"),
    "n_testimonies": N_("Testimonies"),
    "n_events": N_("Events"),
    "n_interventions": N_("Interventions"),
    "n_sources": N_("Sources"),
    "n_attachments": N_("Attachments"),
    "chart_method": N_("Allegations by method"),
    "chart_article": N_("Allegations by Convention article"),
    "chart_place": N_("Allegations by place"),
    "chart_time": N_("Events over time"),
    "other_items": N_("All others"),
    "no_data": N_("No data."),
    "none_recorded": N_("None recorded."),
    "unknown_place": N_("Place unknown"),
    # tables
    "col_date": N_("Date"),
    "col_event": N_("Event"),
    "col_place": N_("Place"),
    "col_case": N_("Case"),
    "col_name": N_("Name"),
    "col_role": N_("Role"),
    "col_details": N_("Details"),
    "col_number": N_("No."),
    "col_file": N_("File"),
    "col_sha": N_("SHA-256"),
    # persons
    "sex": N_("Sex"),
    "born": N_("Born"),
    "died": N_("Died"),
    "nationality": N_("Nationality"),
    "ethnicity": N_("Ethnicity"),
    "occupation": N_("Occupation"),
    "other_spellings": N_("Other spellings"),
    "notes": N_("Notes"),
    "pseudonym": N_("pseudonym"),
    "identity_withheld": N_("identity withheld"),
    "confidential": N_("CONFIDENTIAL"),
    "person_generic": N_("Person"),
    # allegations
    "allegation_n": N_("Allegation {n}"),
    "victim": N_("Victim"),
    "event": N_("Event"),
    "place": N_("Place"),
    "perpetrators": N_("Alleged perpetrators"),
    "duress": N_("Statement signed under duress"),
    "medical_exam": N_("Medical examination"),
    "medical_findings": N_("Medical findings"),
    "complaint_filed": N_("Complaint filed"),
    "description": N_("Description"),
    "yes": N_("yes"),
    "no": N_("no"),
    "unknown": N_("unknown"),
    "see_allegation": N_("Allegation {n} also engages this article; it is described under "
                         "“{article}”."),
    "no_article": N_("No article specified"),
    "source_refs": N_("Sources"),
    # testimonies
    "testimony_n": N_("Testimony {n}"),
    "interviewee": N_("Interviewee"),
    "interviewer": N_("Interviewer"),
    "interpreter": N_("Interpreter"),
    "present": N_("Persons present"),
    "original": N_("Original ({language})"),
    "translation": N_("Translation ({language}); translator: {translator}"),
    "reviewed_by": N_("reviewed by {reviewer}"),
    "stale": N_("This translation was made from an earlier version of the original "
                "(revision {old}; the original is now at revision {new})."),
    "no_translation": N_("No approved translation into {language}."),
    "attachments": N_("Attachments"),
    "annex_item": N_("Annex, item {n}"),
    # interventions and sources
    "body": N_("Body"),
    "reference": N_("Reference"),
    "response": N_("Response"),
    "response_date": N_("Response date"),
    "accessed": N_("accessed {date}"),
    "excerpt": N_("Excerpt"),
    "addressee": N_("Addressee"),
    # annex
    "annex_intro": N_("Each file is kept encrypted by the organisation. The SHA-256 checksum "
                      "identifies a file exactly: a copy with the same checksum is the same "
                      "file, bit for bit."),
    "media_type": N_("Type"),
    "size": N_("Size"),
    "captured": N_("Captured"),
    "belongs_to": N_("Belongs to"),
    "provenance": N_("Provenance"),
    "bytes": N_("{n} bytes"),
}

_ENGLISH_PLURALS: dict[str, tuple[str, str]] = {
    "ed_testimonies": (N_("{n} testimony is left out because its consent does not allow "
                          "this audience."),
                       N_("{n} testimonies are left out because their consent does not allow "
                          "this audience.")),
    "ed_confidential": (N_("{n} record marked confidential is left out."),
                        N_("{n} records marked confidential are left out.")),
    "ed_anonymous": (N_("{n} person is referred to by a letter (such as “Witness A”) instead "
                        "of a name."),
                     N_("{n} persons are referred to by a letter (such as “Witness A”) instead "
                        "of a name.")),
    "ed_pseudonym": (N_("{n} person is referred to by a pseudonym."),
                     N_("{n} persons are referred to by a pseudonym.")),
    "ed_attachments": (N_("{n} attachment of a record left out is not listed."),
                       N_("{n} attachments of records left out are not listed.")),
    "ed_mentions": (N_("{n} mention of a withheld name is replaced in the texts."),
                    N_("{n} mentions of withheld names are replaced in the texts.")),
}

_RUSSIAN: dict[str, str] = {
    "kind_case": "Досье по делу",
    "kind_person": "Досье по лицу",
    "kind_article": "Досье по статье конвенции",
    "organisation": "Организация",
    "author": "Автор",
    "date": "Дата",
    "audience": "Адресат",
    "language": "Язык",
    "audience_internal": "Для внутреннего пользования: содержит конфиденциальные сведения; "
                         "не для распространения",
    "audience_un": "Договорные органы и специальные процедуры ООН",
    "audience_public": "Для публикации",
    "mark_internal": "ДЛЯ ВНУТРЕННЕГО ПОЛЬЗОВАНИЯ",
    "mark_un": "ДЛЯ ОРГАНОВ ООН",
    "mark_public": "ПУБЛИЧНАЯ ВЕРСИЯ",
    "signed_note": "Документ подписан электронной подписью автора (PAdES). Программы для "
                   "чтения PDF показывают, изменялся ли он после подписания.",
    "sign_reason": "Автор досье",
    "page_of": "Страница {page} из {total}",
    "contents": "Содержание",
    "introduction": "Введение",
    "cases": "Дела",
    "edition": "Об этой версии",
    "figures": "Сводные данные",
    "timeline": "Хронология событий",
    "persons": "Лица",
    "allegations": "Заявления о нарушениях по статьям конвенций",
    "testimonies": "Показания",
    "interventions": "Обращения и ответы",
    "sources": "Источники",
    "recommendations": "Рекомендации",
    "annex": "Приложение: вложения",
    "scope_case": "Досье охватывает дело, указанное ниже.",
    "scope_cases": "Досье охватывает дела, указанные ниже.",
    "scope_person": "Досье собирает все сведения о лице {name} по делам, указанным ниже.",
    "scope_article": "Досье собирает заявления о нарушениях, касающиеся положения «{article}», "
                     "по делам, указанным ниже.",
    "quoting": "Материалы приводятся на языке оригинала. Если есть утверждённый перевод "
               "(язык: {language}), он следует за оригиналом с пометкой «перевод» и именем "
               "переводчика.",
    "edition_internal": "Эта внутренняя версия содержит все материалы, в том числе "
                        "конфиденциальные, и показания, согласие на публикацию которых не "
                        "получено. Не распространяйте её.",
    "edition_restricted": "Эта версия учитывает согласие лиц, давших показания, и их "
                          "пожелания о раскрытии личности:",
    "edition_nothing": "Исключать материалы не потребовалось.",
    "edition_caution": "Имена лиц, просивших не называть их, заменены буквой или псевдонимом; "
                       "в цитируемых текстах замена дана в квадратных скобках.",
    "country": "Страна",
    "status": "Статус",
    "classification": "Гриф",
    "tags": "Метки",
    "n_cases": "Дела",
    "n_persons": "Лица",
    "n_victims": "Пострадавшие",
    "n_allegations": "Заявления о нарушениях",
    "n_testimonies": "Показания",
    "n_events": "События",
    "n_interventions": "Обращения",
    "n_sources": "Источники",
    "n_attachments": "Вложения",
    "chart_method": "Заявления по методам",
    "chart_article": "Заявления по статьям конвенций",
    "chart_place": "Заявления по местам",
    "chart_time": "События по времени",
    "other_items": "Все остальные",
    "no_data": "Нет данных.",
    "none_recorded": "Сведений нет.",
    "unknown_place": "Место неизвестно",
    "col_date": "Дата",
    "col_event": "Событие",
    "col_place": "Место",
    "col_case": "Дело",
    "col_name": "Имя",
    "col_role": "Роль",
    "col_details": "Сведения",
    "col_number": "№",
    "col_file": "Файл",
    "col_sha": "SHA-256",
    "sex": "Пол",
    "born": "Дата рождения",
    "died": "Дата смерти",
    "nationality": "Гражданство",
    "ethnicity": "Национальность",
    "occupation": "Род занятий",
    "other_spellings": "Другие написания",
    "notes": "Примечания",
    "pseudonym": "псевдоним",
    "identity_withheld": "личность не раскрывается",
    "confidential": "КОНФИДЕНЦИАЛЬНО",
    "person_generic": "Лицо",
    "allegation_n": "Эпизод {n}",
    "victim": "Пострадавший",
    "event": "Событие",
    "place": "Место",
    "perpetrators": "Предполагаемые исполнители",
    "duress": "Показания подписаны под принуждением",
    "medical_exam": "Медицинское освидетельствование",
    "medical_findings": "Медицинские данные",
    "complaint_filed": "Жалоба подана",
    "description": "Описание",
    "yes": "да",
    "no": "нет",
    "unknown": "неизвестно",
    "see_allegation": "Эпизод {n} также касается этой статьи; он описан в разделе "
                      "«{article}».",
    "no_article": "Статья не указана",
    "source_refs": "Источники",
    "testimony_n": "Показание {n}",
    "interviewee": "Опрошенное лицо",
    "interviewer": "Интервьюер",
    "interpreter": "Переводчик на интервью",
    "present": "Присутствовали",
    "original": "Оригинал (язык: {language})",
    "translation": "Перевод (язык: {language}); переводчик: {translator}",
    "reviewed_by": "проверено: {reviewer}",
    "stale": "Перевод сделан с более ранней редакции оригинала (редакция {old}; текущая "
             "редакция оригинала — {new}).",
    "no_translation": "Утверждённого перевода нет (язык: {language}).",
    "attachments": "Вложения",
    "annex_item": "Приложение, п. {n}",
    "body": "Орган",
    "reference": "Номер",
    "response": "Ответ",
    "response_date": "Дата ответа",
    "accessed": "дата обращения: {date}",
    "excerpt": "Выдержка",
    "addressee": "Адресат",
    "annex_intro": "Все файлы хранятся у организации в зашифрованном виде. Контрольная сумма "
                   "SHA-256 точно определяет файл: копия с той же суммой совпадает с "
                   "оригиналом бит в бит.",
    "media_type": "Тип",
    "size": "Размер",
    "captured": "Дата получения",
    "belongs_to": "Относится к",
    "provenance": "Происхождение",
    "bytes": "{n} байт",
}

_RUSSIAN_PLURALS: dict[str, tuple[str, ...]] = {
    "ed_testimonies": (
        "{n} показание не включено: согласие не допускает передачу этому адресату.",
        "{n} показания не включены: согласие не допускает передачу этому адресату.",
        "{n} показаний не включено: согласие не допускает передачу этому адресату."),
    "ed_confidential": (
        "{n} материал с пометкой «конфиденциально» не включён.",
        "{n} материала с пометкой «конфиденциально» не включены.",
        "{n} материалов с пометкой «конфиденциально» не включено."),
    "ed_anonymous": (
        "{n} лицо обозначено буквой (например, «Свидетель A») вместо имени.",
        "{n} лица обозначены буквой (например, «Свидетель A») вместо имени.",
        "{n} лиц обозначено буквой (например, «Свидетель A») вместо имени."),
    "ed_pseudonym": (
        "{n} лицо названо псевдонимом.",
        "{n} лица названы псевдонимами.",
        "{n} лиц названо псевдонимами."),
    "ed_attachments": (
        "{n} вложение невключённых материалов не указано.",
        "{n} вложения невключённых материалов не указаны.",
        "{n} вложений невключённых материалов не указано."),
    "ed_mentions": (
        "{n} упоминание скрываемого имени заменено в текстах.",
        "{n} упоминания скрываемых имён заменены в текстах.",
        "{n} упоминаний скрываемых имён заменено в текстах."),
}

_KAZAKH: dict[str, str] = {
    "kind_case": "Іс бойынша досье",
    "kind_person": "Тұлға бойынша досье",
    "kind_article": "Конвенция бабы бойынша досье",
    "organisation": "Ұйым",
    "author": "Авторы",
    "date": "Күні",
    "audience": "Кімге арналған",
    "language": "Тілі",
    "audience_internal": "Ішкі пайдалану үшін: құпия мәліметтер бар; таратуға болмайды",
    "audience_un": "БҰҰ-ның шарттық органдары мен арнайы рәсімдері",
    "audience_public": "Жариялау үшін",
    "mark_internal": "ІШКІ ПАЙДАЛАНУ ҮШІН",
    "mark_un": "БҰҰ ОРГАНДАРЫ ҮШІН",
    "mark_public": "ЖАРИЯ НҰСҚА",
    "signed_note": "Құжатқа авторының электрондық қолтаңбасы (PAdES) қойылған. PDF оқу "
                   "бағдарламалары оның қол қойылғаннан кейін өзгертілген-өзгертілмегенін "
                   "көрсетеді.",
    "sign_reason": "Досьенің авторы",
    "page_of": "Бет {page} / {total}",
    "contents": "Мазмұны",
    "introduction": "Кіріспе",
    "cases": "Істер",
    "edition": "Осы нұсқа туралы",
    "figures": "Жиынтық деректер",
    "timeline": "Оқиғалар хронологиясы",
    "persons": "Тұлғалар",
    "allegations": "Конвенция баптары бойынша болжамды бұзушылықтар",
    "testimonies": "Айғақтар",
    "interventions": "Өтініштер мен жауаптар",
    "sources": "Дереккөздер",
    "recommendations": "Ұсынымдар",
    "annex": "Қосымша: тіркелген файлдар",
    "scope_case": "Досье төменде көрсетілген істі қамтиды.",
    "scope_cases": "Досье төменде көрсетілген істерді қамтиды.",
    "scope_person": "Досье төменде көрсетілген істер бойынша {name} туралы барлық мәліметті "
                    "жинайды.",
    "scope_article": "Досье төменде көрсетілген істер бойынша «{article}» ережесіне қатысты "
                     "болжамды бұзушылықтарды жинайды.",
    "quoting": "Материалдар түпнұсқа тілінде келтіріледі. Бекітілген аудармасы болса "
               "({language}), ол түпнұсқадан кейін «аударма» деген белгімен және "
               "аудармашының атымен беріледі.",
    "edition_internal": "Бұл ішкі нұсқада барлық материал бар, оның ішінде құпия материалдар "
                        "және жариялауға келісім берілмеген айғақтар. Оны таратпаңыз.",
    "edition_restricted": "Бұл нұсқа айғақ берген адамдардың келісімін және олардың жеке басын "
                          "ашу туралы тілектерін ескереді:",
    "edition_nothing": "Материалдарды алып тастау қажет болмады.",
    "edition_caution": "Аты аталмауын сұраған адамдардың есімдері әріппен немесе бүркеншік "
                       "атпен ауыстырылған; келтірілген мәтіндерде ауыстыру шаршы жақшада "
                       "берілген.",
    "country": "Ел",
    "status": "Мәртебесі",
    "classification": "Құпиялық белгісі",
    "tags": "Белгілер",
    "n_cases": "Істер",
    "n_persons": "Тұлғалар",
    "n_victims": "Жәбірленушілер",
    "n_allegations": "Болжамды бұзушылықтар",
    "n_testimonies": "Айғақтар",
    "n_events": "Оқиғалар",
    "n_interventions": "Өтініштер",
    "n_sources": "Дереккөздер",
    "n_attachments": "Тіркелген файлдар",
    "chart_method": "Әдістер бойынша болжамды бұзушылықтар",
    "chart_article": "Конвенция баптары бойынша болжамды бұзушылықтар",
    "chart_place": "Орындар бойынша болжамды бұзушылықтар",
    "chart_time": "Оқиғалардың уақыт бойынша бөлінуі",
    "other_items": "Қалғандары",
    "no_data": "Деректер жоқ.",
    "none_recorded": "Мәлімет жоқ.",
    "unknown_place": "Орны белгісіз",
    "col_date": "Күні",
    "col_event": "Оқиға",
    "col_place": "Орны",
    "col_case": "Іс",
    "col_name": "Аты-жөні",
    "col_role": "Рөлі",
    "col_details": "Мәліметтер",
    "col_number": "№",
    "col_file": "Файл",
    "col_sha": "SHA-256",
    "sex": "Жынысы",
    "born": "Туған күні",
    "died": "Қайтыс болған күні",
    "nationality": "Азаматтығы",
    "ethnicity": "Ұлты",
    "occupation": "Кәсібі",
    "other_spellings": "Басқа жазылуы",
    "notes": "Ескертпелер",
    "pseudonym": "бүркеншік аты",
    "identity_withheld": "жеке басы ашылмайды",
    "confidential": "ҚҰПИЯ",
    "person_generic": "Тұлға",
    "allegation_n": "{n}-эпизод",
    "victim": "Жәбірленуші",
    "event": "Оқиға",
    "place": "Орны",
    "perpetrators": "Болжамды кінәлілер",
    "duress": "Жауапқа мәжбүрлеп қол қойғызылған",
    "medical_exam": "Медициналық куәландыру",
    "medical_findings": "Медициналық деректер",
    "complaint_filed": "Шағым берілген",
    "description": "Сипаттамасы",
    "yes": "иә",
    "no": "жоқ",
    "unknown": "белгісіз",
    "see_allegation": "{n}-эпизод осы бапқа да қатысты; ол «{article}» бөлімінде "
                      "сипатталған.",
    "no_article": "Бабы көрсетілмеген",
    "source_refs": "Дереккөздер",
    "testimony_n": "{n}-айғақ",
    "interviewee": "Сұхбат берген адам",
    "interviewer": "Сұхбат алған адам",
    "interpreter": "Сұхбаттағы аудармашы",
    "present": "Қатысқандар",
    "original": "Түпнұсқа ({language})",
    "translation": "Аударма ({language}); аударған: {translator}",
    "reviewed_by": "тексерген: {reviewer}",
    "stale": "Аударма түпнұсқаның бұрынғы редакциясынан жасалған ({old}-редакция; "
             "түпнұсқаның қазіргі редакциясы — {new}).",
    "no_translation": "Бекітілген аудармасы жоқ ({language}).",
    "attachments": "Тіркелген файлдар",
    "annex_item": "Қосымша, {n}-тармақ",
    "body": "Орган",
    "reference": "Нөмірі",
    "response": "Жауап",
    "response_date": "Жауап күні",
    "accessed": "қаралған күні: {date}",
    "excerpt": "Үзінді",
    "addressee": "Кімге",
    "annex_intro": "Барлық файл ұйымда шифрланған күйде сақталады. SHA-256 бақылау сомасы "
                   "файлды дәл анықтайды: сомасы бірдей көшірме түпнұсқамен бит бойынша сәйкес "
                   "келеді.",
    "media_type": "Түрі",
    "size": "Көлемі",
    "captured": "Алынған күні",
    "belongs_to": "Тиесілігі",
    "provenance": "Шығу тегі",
    "bytes": "{n} байт",
}

_KAZAKH_PLURALS: dict[str, tuple[str, ...]] = {
    "ed_testimonies": (
        "{n} айғақ енгізілмеді: келісім оны осы адресатқа беруге рұқсат етпейді.",
        "{n} айғақ енгізілмеді: келісім оларды осы адресатқа беруге рұқсат етпейді."),
    "ed_confidential": (
        "«Құпия» деп белгіленген {n} материал енгізілмеді.",
        "«Құпия» деп белгіленген {n} материал енгізілмеді."),
    "ed_anonymous": (
        "{n} адам аты-жөнімен емес, әріппен (мысалы, «Куә A») белгіленген.",
        "{n} адам аты-жөнімен емес, әріппен (мысалы, «Куә A») белгіленген."),
    "ed_pseudonym": (
        "{n} адам бүркеншік атпен аталған.",
        "{n} адам бүркеншік аттармен аталған."),
    "ed_attachments": (
        "Енгізілмеген материалдың {n} тіркелген файлы көрсетілмеген.",
        "Енгізілмеген материалдардың {n} тіркелген файлы көрсетілмеген."),
    "ed_mentions": (
        "Мәтіндерде жасырылатын есімнің {n} рет аталуы ауыстырылды.",
        "Мәтіндерде жасырылатын есімдердің {n} рет аталуы ауыстырылды."),
}

_TABLES: dict[str, dict[str, str]] = {"en": _ENGLISH, "ru": _RUSSIAN, "kk": _KAZAKH}
_PLURAL_TABLES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": _ENGLISH_PLURALS, "ru": _RUSSIAN_PLURALS, "kk": _KAZAKH_PLURALS}


class Texts:
    """The dossier's words in one language: ``texts("contents")``, ``texts.plural(key, n)``."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self._table = _TABLES.get(lang)
        self._plurals = _PLURAL_TABLES.get(lang)

    def __call__(self, key: str, **values: object) -> str:
        """The text ``key`` with its ``{placeholders}`` filled in."""
        pattern = self._table[key] if self._table is not None else _(_ENGLISH[key])
        return pattern.format(**values) if values else pattern

    def plural(self, key: str, n: int, **values: object) -> str:
        """The text ``key`` in the plural form for ``n`` (``{n}`` is filled in)."""
        if self._plurals is not None:
            forms = self._plurals[key]
            pattern = forms[min(plural_index(self.lang, n), len(forms) - 1)]
        else:
            singular, plural = _ENGLISH_PLURALS[key]
            pattern = singular if n == 1 else plural
        return pattern.format(n=n, **values)


def table_keys(lang: str) -> tuple[set[str], set[str]]:
    """The keys of the plain and plural texts of ``lang`` (for the completeness test)."""
    return set(_TABLES[lang]), set(_PLURAL_TABLES[lang])


def pattern_of(lang: str, key: str) -> tuple[str, ...]:
    """Every pattern of ``key`` in ``lang`` (one, or the plural forms)."""
    if key in _TABLES[lang]:
        return (_TABLES[lang][key],)
    return tuple(_PLURAL_TABLES[lang][key])
