"""Realistic sample data for the crm and trading templates, the same for the same seed.

Companies and people come from five markets the product is built for: Russia (Cyrillic), Romania,
Indonesia, China (Chinese characters) and the United Kingdom. `load_sample_data` fills whichever
entities of those templates the definition has, by entity and field name: unknown entities and
fields are left alone, so it keeps working on a definition that has grown. It is meant for a fresh
app: e-mail addresses and SKUs are unique within one run, not against rows already there.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import Connection

from kartoteka.schema_engine import FIELD_TYPES, KartotekaError
from kartoteka.schema_engine.definition import (
    Document,
    Entity,
    Field,
    entity_by_name,
    field_by_name,
)
from kartoteka.schema_engine.languages import app_language, label_text
from kartoteka.schema_engine.model import AppModel
from kartoteka.schema_engine.records import create_records
from kartoteka.schema_engine.store import current_version_number
from kartoteka.schema_engine.types import ConversionError, option_values

DEFAULT_SEED = 2026

Pair = tuple[str, str]  # a name as written, and its Latin form for e-mail addresses and domains


@dataclass(frozen=True)
class Locale:
    """One market: how its companies, people, phones and paperwork look."""

    key: str
    country: str
    cities: tuple[str, ...]
    company_forms: tuple[str, ...]  # formats with {root} and {city}
    companies: tuple[Pair, ...]
    carriers: tuple[Pair, ...]
    tld: str
    first_names: tuple[Pair, ...]
    last_names: tuple[Pair, ...]
    mail_hosts: tuple[str, ...]
    mailboxes: tuple[str, ...]
    phones: tuple[str, ...]  # '#' is a random digit
    deal_topics: tuple[str, ...]
    task_titles: tuple[str, ...]
    products: tuple[tuple[str, str, int], ...]  # name, unit, typical price in USD
    paperwork: Mapping[str, str]  # document kind -> what it is called there
    surname_first: bool = False
    feminine: Pair | None = None  # surname ending of women (Смирнов -> Смирнова)

    def person(self, rng: random.Random) -> Pair:
        """A person's name and e-mail local part: ("Ольга Смирнова", "olga.smirnova")."""
        first, last = rng.choice(self.first_names), rng.choice(self.last_names)
        # Russian women's first names end in -а/-я (the list holds no Илья or Никита).
        if self.feminine and first[0].endswith(("а", "я")):
            last = (last[0] + self.feminine[0], last[1] + self.feminine[1])
        if self.surname_first:
            return last[0] + first[0], last[1] + first[1]
        return f"{first[0]} {last[0]}", f"{first[1]}.{last[1]}"

    def company(self, rng: random.Random, roots: Sequence[Pair]) -> tuple[str, str, str]:
        """A company's name, web domain and city: ("PT Maju Jaya", "majujaya.co.id", "Bandung")."""
        root, slug = rng.choice(roots)
        city = rng.choice(self.cities)
        name = rng.choice(self.company_forms).format(root=root, city=city)
        return name, f"{slug}.{self.tld}", city

    def phone(self, rng: random.Random) -> str:
        return "".join(str(rng.randrange(10)) if c == "#" else c for c in rng.choice(self.phones))


def _pairs(*items: str) -> tuple[Pair, ...]:
    """Pairs from "written=latin" items; a plain item is its own Latin form, lowercased."""
    return tuple((i.split("=")[0], i.split("=")[-1].lower()) for i in items)


RUSSIA = Locale(
    key="ru",
    country="Россия",
    cities=("Москва", "Санкт-Петербург", "Казань", "Новосибирск", "Екатеринбург", "Самара"),
    company_forms=("ООО «{root}»", "ООО «{root}»", "АО «{root}»"),
    companies=_pairs(
        "Ромашка=romashka", "Вектор=vektor", "Северный ветер=severveter", "Техностарт=tekhnostart",
        "Уралснаб=uralsnab", "Волга-Трейд=volga-trade", "Сибирские продукты=sibprod",
        "Альфа-Строй=alfa-stroy", "Меридиан=meridian", "Гранит=granit", "Энергомаш=energomash",
        "Агроинвест=agroinvest", "Орбита=orbita", "Полярная звезда=polyarzvezda",
    ),
    carriers=_pairs("ТрансКарго=transcargo", "Байкал-Экспресс=baikal-express",
                    "СеверТрансЛогистик=severtrans"),
    tld="ru",
    first_names=_pairs(
        "Алексей=aleksey", "Дмитрий=dmitriy", "Сергей=sergey", "Андрей=andrey", "Михаил=mikhail",
        "Иван=ivan", "Ольга=olga", "Елена=elena", "Наталья=natalya", "Татьяна=tatyana",
        "Анна=anna", "Ирина=irina",
    ),
    last_names=_pairs(
        "Смирнов=smirnov", "Иванов=ivanov", "Кузнецов=kuznetsov", "Попов=popov",
        "Соколов=sokolov", "Лебедев=lebedev", "Козлов=kozlov", "Новиков=novikov",
        "Морозов=morozov", "Волков=volkov",
    ),
    mail_hosts=("mail.ru", "yandex.ru", "gmail.com"),
    mailboxes=("info", "sales", "office", "zakaz"),
    phones=("+7 9## ###-##-##", "+7 495 ###-##-##", "+7 812 ###-##-##"),
    deal_topics=("Поставка оборудования", "Годовой договор на обслуживание", "Внедрение CRM",
                 "Оптовая партия упаковки", "Аренда складских помещений", "Поставка спецодежды"),
    task_titles=("Позвонить по поводу оплаты", "Отправить коммерческое предложение",
                 "Согласовать договор", "Назначить встречу", "Уточнить сроки поставки",
                 "Выставить счёт"),
    products=(("Подшипник 6204-2RS", "pcs", 4), ("Кабель ВВГнг 3×2,5", "m", 1),
              ("Краска фасадная белая", "l", 6), ("Перчатки рабочие", "box", 25),
              ("Гречка ядрица", "kg", 2), ("Труба стальная 57×3,5", "m", 9),
              ("Мёд алтайский", "kg", 11), ("Саморезы по дереву 4×40", "box", 7)),
    paperwork={"contract": "Договор поставки", "invoice": "Счёт на оплату",
               "waybill": "Товарная накладная"},
    feminine=("а", "a"),
)

ROMANIA = Locale(
    key="ro",
    country="România",
    cities=("București", "Cluj-Napoca", "Iași", "Timișoara", "Brașov", "Constanța"),
    company_forms=("SC {root} SRL", "{root} SRL", "{root} SA"),
    companies=_pairs(
        "Carpați=carpati", "Dunărea=dunarea", "Transilvania Trade=transilvaniatrade",
        "Agro Banat=agrobanat", "Miorița=miorita", "Bucovina Lemn=bucovinalemn",
        "Danubius Impex=danubius", "Olt Construct=oltconstruct", "Argeș Prod=argesprod",
        "Maramureș Wood=maramureswood", "Someș Com=somescom", "Vrancea Vin=vranceavin",
    ),
    carriers=_pairs("Dunărea Logistic=dunarealogistic", "Rapid Trans Cargo=rapidtranscargo",
                    "Carpați Express=carpatiexpress"),
    tld="ro",
    first_names=_pairs("Andrei", "Mihai", "Ion", "Alexandru", "Cristian", "Ana", "Maria", "Elena",
                       "Ioana", "Andreea"),
    last_names=_pairs("Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe",
                      "Matei", "Rădulescu=radulescu", "Țurcanu=turcanu"),
    mail_hosts=("gmail.com", "yahoo.com"),
    mailboxes=("office", "contact", "vanzari"),
    phones=("+40 7## ### ###", "+40 21 ### ####", "+40 264 ### ###"),
    deal_topics=("Contract de furnizare", "Echipamente frigorifice", "Licențe software",
                 "Mentenanță anuală", "Materiale de construcții", "Ambalaje din carton"),
    task_titles=("Sună clientul", "Trimite oferta", "Pregătește contractul", "Confirmă livrarea",
                 "Emite factura", "Programează o întâlnire"),
    products=(("Cherestea brad 50×100", "m", 3), ("Vin Fetească Neagră 0,75 l", "pcs", 9),
              ("Brânză de burduf", "kg", 12), ("Ciment Portland 40 kg", "pcs", 6),
              ("Miere de salcâm", "kg", 10), ("Cablu electric 3×2,5", "m", 1),
              ("Ulei de floarea-soarelui", "l", 2), ("Țiglă ceramică", "box", 30)),
    paperwork={"contract": "Contract de furnizare", "invoice": "Factură fiscală",
               "waybill": "Aviz de însoțire"},
)

INDONESIA = Locale(
    key="id",
    country="Indonesia",
    cities=("Jakarta", "Surabaya", "Bandung", "Medan", "Semarang", "Makassar"),
    company_forms=("PT {root}", "PT {root}", "CV {root}"),
    companies=_pairs(
        "Maju Jaya=majujaya", "Sinar Abadi=sinarabadi", "Sumber Makmur=sumbermakmur",
        "Karya Mandiri=karyamandiri", "Bintang Timur=bintangtimur",
        "Cahaya Nusantara=cahayanusantara", "Mitra Sejahtera=mitrasejahtera",
        "Sentosa Raya=sentosaraya", "Berkah Abadi=berkahabadi", "Tunas Baru=tunasbaru",
        "Prima Niaga=primaniaga", "Surya Gemilang=suryagemilang",
    ),
    carriers=_pairs("Nusantara Ekspres=nusantaraekspres", "Samudra Cargo=samudracargo",
                    "Garuda Logistik=garudalogistik"),
    tld="co.id",
    first_names=_pairs("Budi", "Agus", "Dewi", "Siti", "Rina", "Eko", "Andi", "Putri", "Wahyu",
                       "Sri"),
    last_names=_pairs("Santoso", "Wijaya", "Hidayat", "Saputra", "Pratama", "Kurniawan",
                      "Lestari", "Halim", "Gunawan", "Susanto"),
    mail_hosts=("gmail.com", "yahoo.co.id"),
    mailboxes=("info", "sales", "admin", "marketing"),
    phones=("+62 81#-####-####", "+62 85#-####-####", "+62 21 ####-####"),
    deal_topics=("Pengadaan server", "Kontrak pemeliharaan tahunan", "Pengiriman kopi arabika",
                 "Renovasi gudang", "Pengadaan seragam kerja", "Lisensi perangkat lunak"),
    task_titles=("Telepon klien", "Kirim penawaran harga", "Siapkan kontrak",
                 "Konfirmasi pengiriman", "Kirim faktur", "Jadwalkan pertemuan"),
    products=(("Kopi Arabika Gayo", "kg", 18), ("Minyak kelapa sawit", "l", 2),
              ("Kain batik tulis", "m", 15), ("Teh hijau Jawa", "box", 7),
              ("Rotan sintetis", "kg", 4), ("Karet alam SIR 20", "kg", 2),
              ("Gula kelapa organik", "kg", 5), ("Kerajinan kayu jati", "pcs", 22)),
    paperwork={"contract": "Kontrak pengadaan", "invoice": "Faktur", "waybill": "Surat jalan"},
)

CHINA = Locale(
    key="cn",
    country="中国",
    cities=("北京", "上海", "深圳", "广州", "杭州", "宁波"),
    company_forms=("{city}{root}有限公司", "{city}{root}有限公司", "{city}{root}股份有限公司"),
    companies=_pairs(
        "华光科技=huaguang", "鼎盛贸易=dingsheng", "宏达电子=hongda", "金桥实业=jinqiao",
        "天成机械=tiancheng", "恒通进出口=hengtong", "瑞丰食品=ruifeng", "明辉照明=minghui",
        "长城五金=changcheng", "新华纺织=xinhua",
    ),
    carriers=_pairs("顺达物流=shunda", "远洋货运=yuanyang", "速通快运=sutong"),
    tld="com.cn",
    first_names=_pairs("伟=wei", "芳=fang", "娜=na", "敏=min", "静=jing", "强=qiang", "磊=lei",
                       "军=jun", "晓明=xiaoming", "建华=jianhua", "丽娟=lijuan", "海燕=haiyan"),
    last_names=_pairs("王=wang", "李=li", "张=zhang", "刘=liu", "陈=chen", "杨=yang", "黄=huang",
                      "赵=zhao", "吴=wu", "周=zhou"),
    mail_hosts=("163.com", "qq.com", "126.com"),
    mailboxes=("info", "sales", "service"),
    phones=("+86 13# #### ####", "+86 15# #### ####", "+86 10 #### ####"),
    deal_topics=("年度采购合同", "服务器升级项目", "LED照明设备供货", "包装材料订单",
                 "仓储外包服务", "软件许可续订"),
    task_titles=("给客户打电话", "发送报价单", "准备合同", "确认发货时间", "开具发票",
                 "安排会议"),
    products=(("不锈钢螺栓 M8", "box", 12), ("LED面板灯 600×600", "pcs", 19),
              ("西湖龙井茶", "kg", 40), ("锂电池 18650", "pcs", 2), ("纯棉布料", "m", 3),
              ("陶瓷餐具套装", "box", 35), ("电动螺丝刀", "pcs", 27), ("竹制砧板", "pcs", 6)),
    paperwork={"contract": "采购合同", "invoice": "增值税发票", "waybill": "运单"},
    surname_first=True,
)

BRITAIN = Locale(
    key="uk",
    country="United Kingdom",
    cities=("London", "Manchester", "Birmingham", "Leeds", "Bristol", "Edinburgh"),
    company_forms=("{root} Ltd", "{root} Ltd", "{root} plc"),
    companies=_pairs(
        "Northwind Traders=northwindtraders", "Blue Harbour Foods=blueharbourfoods",
        "Summit Tools=summittools", "Greenfield Supplies=greenfieldsupplies",
        "Atlas Machinery=atlasmachinery", "Redwood Packaging=redwoodpackaging",
        "Oakridge Electronics=oakridge-electronics", "Brightstone Retail=brightstone",
        "Kingsway Office=kingswayoffice", "Thames Valley Print=tvprint",
    ),
    carriers=_pairs("Silverline Freight=silverlinefreight",
                    "Channel Express Haulage=channelexpress", "Pennine Logistics=pennine"),
    tld="co.uk",
    first_names=_pairs("James", "Emily", "Michael", "Sarah", "David", "Laura", "Robert", "Olivia",
                       "Thomas", "Hannah"),
    last_names=_pairs("Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Walker",
                      "Harris", "Evans", "Turner"),
    mail_hosts=("gmail.com", "outlook.com", "btinternet.com"),
    mailboxes=("info", "sales", "hello", "accounts"),
    phones=("+44 20 #### ####", "+44 161 ### ####", "+44 7### ######"),
    deal_topics=("Annual support renewal", "Warehouse shelving", "Office furniture refit",
                 "Fleet telematics pilot", "Website redesign", "Point-of-sale upgrade"),
    task_titles=("Call back about the invoice", "Send the proposal", "Prepare the contract",
                 "Confirm the delivery date", "Chase the payment", "Book a demo meeting"),
    products=(("Stainless steel hinge 100 mm", "pcs", 3), ("Corrugated box 600×400×400", "box", 28),
              ("Hi-vis safety vest", "pcs", 5), ("Copper pipe 15 mm", "m", 7),
              ("English breakfast tea", "kg", 14), ("Pallet wrap film 500 mm", "pcs", 11),
              ("Oak floor oil", "l", 16), ("LED work light 20 W", "pcs", 24)),
    paperwork={"contract": "Supply agreement", "invoice": "Invoice", "waybill": "Delivery note"},
)

LOCALES = (RUSSIA, ROMANIA, INDONESIA, CHINA, BRITAIN)

# Weights of select and stage options (an option the definition adds gets 1).
STATUS_WEIGHTS = {"lead": 4, "active": 5, "vip": 1, "lost": 1}
STAGE_WEIGHTS = {"new": 5, "qualified": 4, "proposal": 3, "negotiation": 2, "won": 3, "lost": 2}
KIND_WEIGHTS = {"contract": 2, "invoice": 4, "waybill": 3}
# When tasks are due, in days from today, and how many of each.
TASK_DUE_DAYS = {"overdue": (-20, -1), "today": (0, 0), "upcoming": (1, 30), "done": (-60, 0)}
TASK_WEIGHTS = {"overdue": 4, "today": 3, "upcoming": 8, "done": 5}


# ---------------------------------------------------------------- what a run has made


@dataclass(frozen=True)
class _Ref:
    """A record made earlier in this run: row `row` of `entity`."""

    entity: str
    row: int


@dataclass
class _Batch:
    """The rows made for one entity (as generated), their markets and their ids."""

    refs: list[_Ref]
    rows: list[dict[str, Any]]
    locales: list[Locale]
    ids: list[int] = field(default_factory=list)


Made = list[tuple[Locale, dict[str, Any]]]


class _Demo:
    """One run: the records made so far, and the e-mails and names already used."""

    def __init__(self, doc: Document, user_id: int | None, today: dt.date) -> None:
        self.doc = doc
        self.user_id = user_id
        self.today = today
        self.made: dict[str, _Batch] = {}
        self.emails: set[str] = set()
        self.names: set[str] = set()

    def field(self, entity: str, name: str) -> Field | None:
        found = entity_by_name(self.doc, entity)
        return field_by_name(found, name) if found else None

    def options(self, entity: str, name: str) -> list[str]:
        """The option values of a select or stage field, or [] when there is no such field."""
        f = self.field(entity, name)
        return option_values(f) if f and FIELD_TYPES[f["type"]].by_option else []

    def add(self, entity: str, made: Made) -> _Batch:
        refs = [_Ref(entity, i) for i in range(len(made))]
        batch = _Batch(refs, [row for _, row in made], [locale for locale, _ in made])
        self.made[entity] = batch
        return batch

    def refs(self, entity: str, where: Callable[[_Ref], bool] | None = None) -> list[_Ref]:
        """Records made of `entity` matching `where` (all of them when none match)."""
        every = self.made[entity].refs if entity in self.made else []
        matching = [r for r in every if where(r)] if where else []
        return matching or every

    def pick(self, rng: random.Random, entity: str) -> _Ref | None:
        refs = self.refs(entity)
        return rng.choice(refs) if refs else None

    def row(self, ref: _Ref) -> dict[str, Any]:
        return self.made[ref.entity].rows[ref.row]

    def market(self, ref: _Ref) -> Locale:
        return self.made[ref.entity].locales[ref.row]

    def locale(self, ref: _Ref | None, rng: random.Random) -> Locale:
        """The market of `ref`, or a random one when there is no record to follow."""
        return self.market(ref) if ref else rng.choice(LOCALES)

    def email(self, candidates: Sequence[Pair]) -> str:
        """The first free (local part, domain) address, else the first one numbered ("info2@")."""
        local, domain = candidates[0]
        plain = (f"{part}@{host}" for part, host in candidates)
        numbered = (f"{local}{n}@{domain}" for n in itertools.count(2))
        address = next(a for a in itertools.chain(plain, numbered) if a not in self.emails)
        self.emails.add(address)
        return address

    def fresh(self, make: Callable[[], tuple[str, ...]]) -> tuple[str, ...]:
        """`make()` until its first item is a name not used yet (or tries run out)."""
        for _ in range(50):
            made = make()
            if made[0] not in self.names:
                break
        self.names.add(made[0])
        return made

    def company(self, rng: random.Random, locale: Locale, roots: Sequence[Pair]) -> dict[str, Any]:
        name, domain, city = self.fresh(lambda: locale.company(rng, roots))
        boxes = rng.sample(locale.mailboxes, len(locale.mailboxes))
        return {"name": name, "email": self.email([(box, domain) for box in boxes]),
                "phone": locale.phone(rng), "city": city, "website": f"https://www.{domain}",
                "country": locale.country}

    def person(self, rng: random.Random, locale: Locale) -> dict[str, Any]:
        name, local = self.fresh(lambda: locale.person(rng))
        hosts = rng.sample(locale.mail_hosts, len(locale.mail_hosts))
        return {"name": name, "email": self.email([(local, host) for host in hosts]),
                "phone": locale.phone(rng), "city": rng.choice(locale.cities)}


def _markets(rng: random.Random, count: int) -> list[Locale]:
    """`count` markets, evenly mixed, in random order."""
    chosen = [LOCALES[i % len(LOCALES)] for i in range(count)]
    rng.shuffle(chosen)
    return chosen


def _spread(
    rng: random.Random, values: Sequence[Any], count: int, weights: Mapping[str, int]
) -> list[Any]:
    """`count` values drawn by weight, every value at least once when count allows, shuffled."""
    if not values:
        return [None] * count
    chosen = list(values[:count])
    chosen += rng.choices(values, [weights.get(v, 1) for v in values], k=count - len(chosen))
    rng.shuffle(chosen)
    return chosen


def _money(rng: random.Random, low: int, high: int, step: int = 1) -> Decimal:
    return Decimal(rng.randrange(low, high, step))


def _price(rng: random.Random, typical: int) -> Decimal:
    """A price within -20 %..+25 % of the typical one, in cents."""
    return Decimal(rng.randint(typical * 80, typical * 125)) / 100


# ---------------------------------------------------------------- one maker per entity


def _clients(demo: _Demo, rng: random.Random, count: int) -> Made:
    statuses = _spread(rng, demo.options("client", "status"), count, STATUS_WEIGHTS)
    made: Made = []
    for locale, status in zip(_markets(rng, count), statuses, strict=True):
        # One client in four is a private person, the others are companies.
        if rng.random() < 0.25:
            values = demo.person(rng, locale)
        else:
            values = demo.company(rng, locale, locale.companies)
        made.append((locale, {**values, "status": status}))
    return made


def _deals(demo: _Demo, rng: random.Random, count: int) -> Made:
    stage: Mapping[str, Any] = demo.field("deal", "stage") or {}
    closed = set(stage.get("won", [])) | set(stage.get("lost", []))
    made: Made = []
    for value in _spread(rng, demo.options("deal", "stage"), count, STAGE_WEIGHTS):
        client = demo.pick(rng, "client")
        locale = demo.locale(client, rng)
        days = rng.randint(-180, -1) if value in closed else rng.randint(-7, 90)
        topic = rng.choice(locale.deal_topics)
        made.append((locale, {
            "title": f"{topic} — {demo.row(client)['name']}" if client else topic,
            "amount": _money(rng, 500, 120_000, 100), "stage": value, "client": client,
            "close_date": demo.today + dt.timedelta(days=days),
        }))
    return made


def _due(rng: random.Random, today: dt.date, state: str) -> dt.datetime:
    day = today + dt.timedelta(days=rng.randint(*TASK_DUE_DAYS[state]))
    return dt.datetime.combine(day, dt.time(rng.randint(9, 17), rng.choice((0, 30))), dt.UTC)


def _tasks(demo: _Demo, rng: random.Random, count: int) -> Made:
    made: Made = []
    for state in _spread(rng, tuple(TASK_DUE_DAYS), count, TASK_WEIGHTS):
        deal = demo.pick(rng, "deal") if rng.random() < 0.7 else None
        client = demo.row(deal)["client"] if deal else demo.pick(rng, "client")
        locale = demo.locale(deal or client, rng)
        made.append((locale, {
            "title": rng.choice(locale.task_titles), "due": _due(rng, demo.today, state),
            "done": state == "done", "assignee": demo.user_id, "client": client, "deal": deal,
        }))
    return made


def _suppliers(demo: _Demo, rng: random.Random, count: int) -> Made:
    made: Made = []
    for locale in _markets(rng, count):
        values = demo.company(rng, locale, locale.companies)
        terms = f"Payment terms: net {rng.choice((15, 30, 45, 60))} days; "
        terms += f"delivery in {rng.randint(3, 21)} days."
        contact = locale.person(rng)[0]
        made.append((locale, {**values, "contact_person": contact, "notes": terms}))
    return made


def _carriers(demo: _Demo, rng: random.Random, count: int) -> Made:
    made: Made = []
    for locale in _markets(rng, count):
        values = demo.company(rng, locale, locale.carriers)
        made.append((locale, {**values, "contact_person": locale.person(rng)[0]}))
    return made


def _in_market(demo: _Demo, locale: Locale) -> Callable[[_Ref], bool]:
    return lambda ref: demo.market(ref) is locale


def _products(demo: _Demo, rng: random.Random, count: int) -> Made:
    catalogue = [(locale, item) for locale in LOCALES for item in locale.products]
    rng.shuffle(catalogue)
    # Suppliers of the product's market take turns, so that each one has something to sell.
    suppliers = {lc.key: demo.refs("supplier", _in_market(demo, lc)) for lc in LOCALES}
    turns: Counter[str] = Counter()
    made: Made = []
    for number in range(count):
        locale, (name, unit, typical) = catalogue[number % len(catalogue)]
        ours = suppliers[locale.key]
        supplier = ours[turns[locale.key] % len(ours)] if ours else None
        turns[locale.key] += 1
        made.append((locale, {
            "name": name, "sku": f"{locale.key.upper()}-{number + 1:05d}",
            "price": _price(rng, typical), "unit": unit, "supplier": supplier,
        }))
    return made


def _stock(demo: _Demo) -> dict[_Ref | None, list[_Ref]]:
    """Products made, by their supplier."""
    stock: dict[_Ref | None, list[_Ref]] = {}
    for product in demo.refs("product"):
        stock.setdefault(demo.row(product)["supplier"], []).append(product)
    return stock


def _documents(demo: _Demo, rng: random.Random, count: int) -> Made:
    products, stock = demo.refs("product"), _stock(demo)
    sellers = [r for r in demo.refs("supplier") if r in stock]
    made: Made = []
    for kind in _spread(rng, demo.options("document", "kind"), count, KIND_WEIGHTS):
        # Most papers are sales (a deal with its client); the others are purchases from a supplier.
        deal = demo.pick(rng, "deal") if rng.random() < 0.6 else None
        supplier = None if deal or not sellers else rng.choice(sellers)
        party = demo.row(deal)["client"] if deal else supplier
        locale = demo.locale(party, rng)
        values = _paper(demo, rng, locale, kind, deal, party)
        basket = stock.get(supplier, products) if supplier else products
        values["products"] = rng.sample(basket, min(len(basket), rng.randint(1, 4)))
        made.append((locale, values))
    return made


def _paper(
    demo: _Demo, rng: random.Random, locale: Locale, kind: str | None, deal: _Ref | None,
    party: _Ref | None,
) -> dict[str, Any]:
    """A document's own values: title, kind, dates, amount and the records it is about."""
    called = locale.paperwork.get(kind or "", (kind or "document").capitalize())
    title = f"{called} — {demo.row(party)['name']}" if party else called
    amount = demo.row(deal)["amount"] if deal else _money(rng, 200, 40_000, 50)
    return {
        "title": title, "kind": kind, "amount": amount,
        "signed_on": demo.today - dt.timedelta(days=rng.randint(0, 365)),
        "deal": deal, "client": party if deal else None, "supplier": None if deal else party,
        "logistics_company": demo.pick(rng, "logistics_company") if kind == "waybill" else None,
    }


Maker = Callable[[_Demo, random.Random, int], Made]

#: Entity name -> (rows at scale 1, maker), in an order where link targets come first.
MAKERS: dict[str, tuple[int, Maker]] = {
    "client": (60, _clients),
    "deal": (150, _deals),
    "task": (80, _tasks),
    "supplier": (20, _suppliers),
    "logistics_company": (8, _carriers),
    "product": (40, _products),
    "document": (80, _documents),
}


# ---------------------------------------------------------------- loading


def load_sample_data(
    conn: Connection,
    doc: Document,
    *,
    user_id: int | None = None,
    seed: int = DEFAULT_SEED,
    scale: int = 1,
    today: dt.date | None = None,
) -> dict[str, int]:
    """Insert sample records into the known entities of `doc`; returns entity -> rows inserted.

    `doc` is the stored definition (with ids), e.g. `current(conn).document`. Dates are spread
    around `today` (default: today in UTC); the same seed and day give the same records.
    """
    if any("id" not in e for e in doc["entities"]):
        raise KartotekaError(
            "sample data needs the stored definition with its ids; pass current(conn).document"
        )
    demo = _Demo(doc, user_id, today or dt.datetime.now(dt.UTC).date())
    model = AppModel(doc, current_version_number(conn), conn.dialect.name)
    counts: dict[str, int] = {}
    for name, (base, make) in MAKERS.items():
        entity = entity_by_name(doc, name)
        if entity is None:
            continue
        # One generator per entity: another entity in the definition leaves this data as is.
        batch = demo.add(name, make(demo, random.Random(f"{seed}/{name}"), base * scale))
        rows = [_fit(demo, entity, row) for row in batch.rows]
        batch.ids = create_records(conn, model, name, rows, user_id=user_id)
        counts[name] = len(batch.ids)
    return counts


def _fit(demo: _Demo, entity: Entity, row: Mapping[str, Any]) -> dict[str, Any]:
    """The values of `row` that fit `entity`'s fields as they are now; the rest are left out."""
    fields = {f["name"]: f for f in entity["fields"]}
    fitted: dict[str, Any] = {}
    for name, value in row.items():
        f = fields.get(name)
        if f is None or value is None:
            continue
        stored = _stored(demo, f, value)
        if stored is not None:
            fitted[name] = stored
    return fitted


def _stored(demo: _Demo, f: Field, value: Any) -> Any:
    """`value` as `f` takes it (records made become ids), or None when it does not fit."""
    kind = FIELD_TYPES[f["type"]]
    if isinstance(value, _Ref) or kind.is_link:
        refs = value if isinstance(value, list) else [value]
        ids = [demo.made[r.entity].ids[r.row] for r in refs
               if isinstance(r, _Ref) and r.entity == f.get("to")]
        if kind.is_link and kind.many:
            return ids or None
        return ids[0] if kind.is_link and len(ids) == 1 else None
    try:
        return FIELD_TYPES[f["type"]].parse(value, f)
    except ConversionError:
        return None


def describe_counts(counts: Mapping[str, int], doc: Document) -> str:
    """What was made, one line per entity: "   60 clients" (plural labels, aligned)."""
    width = len(str(max(counts.values(), default=0)))
    lines = []
    for entity in doc["entities"]:
        if entity["name"] in counts:
            n = counts[entity["name"]]
            label = label_text(entity.get("label") if n == 1 else entity.get("plural"),
                               app_language(doc), app_language(doc)) or entity["name"]
            lines.append(f"  {n:>{width}} {_lower_first(label)}")
    return "\n".join(lines)


def _lower_first(label: str) -> str:
    """'Clients' -> 'clients', but 'VIP clients' stays (an acronym keeps its capitals)."""
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]
