"""A large, realistic and reproducible atlas for benchmarks (`manage.py generate_atlas`).

Every row it creates has a slug starting with `PREFIX` (« gen- »), so generated data is recognisable
and the command can refuse to mix it with real content. The same seed and counts give the same rows
(only `created_at`/`updated_at` and primary keys differ): every choice comes from `random.Random`
streams seeded by the seed and the stage, in an order that depends on nothing in the database.

Rows go in with `bulk_create` in batches (no `save()`, no signals), so the generator stores what
`save()` would: partial dates on their first (or, for `valid_until`, last) day, the office of each
signatory and delegation leader, article text that `core.sanitize.sanitize_html` leaves as it
is. The search columns (and whatever else the site derives, such as the stored status) are then
filled as the site fills them, with `cooperation.indexing.refresh` and `articles.indexing.refresh` on
each batch. That refresh costs more than the inserts, so on PostgreSQL worker processes run it on each
committed batch while the next one is generated (`jobs`); everything then commits batch by batch, and
an interrupted run leaves a partial atlas behind (which the command refuses to add to). Otherwise,
e.g. on SQLite or inside a test's transaction, it all runs in one process and one transaction.

Words a benchmark can search (counts hold whenever there are enough rows):

- `COMMON_WORD` « coopération »: in exactly 80 % of the partnerships' search texts and of the
  articles (title, standfirst or text); the other 20 % never use a word of its stem (no
  « coopérer », « coopérative »…).
- `RARE_WORDS`: each in exactly `RARE_ROWS` (3) partnership summaries and 3 articles.
- `RARE_PHRASE` « jardins flottants »: the two words side by side in exactly 3 partnership summaries
  and 3 articles (the phrase query `"jardins flottants"`); « flottants » alone in 3 more of each
  (« marchés flottants ») and « jardins » in a few percent (« jardins partagés »).
- `UNCOMMON_WORD` « agroforesterie »: in 1 % of the partnerships and 1 % of the articles.
"""

import bisect
import contextlib
import datetime
import itertools
import math
import multiprocessing
import random
import time
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import connection, connections, transaction
from django.utils.text import slugify
from taggit.models import Tag

from articles import indexing as article_indexing
from articles.models import Article, TaggedArticle, Theme
from cooperation import indexing
from cooperation.models import (
    Agreement,
    AgreementDomain,
    Body,
    Country,
    Delegation,
    DelegationMember,
    Domain,
    Event,
    Meeting,
    Office,
    Partnership,
    Party,
    Person,
    Signatory,
    TaggedPartnership,
)
from core.dates import Precision
from core.models import Publication
from core.sanitize import paragraphs_from_plain_text

PREFIX = "gen-"
# Dates are drawn up to this day, not up to today, so that a seed gives the same rows every day.
AS_OF = datetime.date(2026, 11, 30)
ARTICLE_YEARS = 15
COMMON_WORD = "coopération"
COMMON_SHARE = 0.8
RARE_ROWS = 3
RARE_WORDS = {
    "dendrochronologie": "Une étude de dendrochronologie a daté les charpentes de l'ancien marché.",
    "marionnettistes": "Des marionnettistes des deux villes ont monté un spectacle joué dans les écoles.",
    "ostréiculture": "Un échange sur l'ostréiculture a réuni des producteurs du littoral et des techniciens.",
    "funiculaire": "La rénovation du funiculaire historique a fait l'objet d'une expertise partagée.",
    "calligraphie": "Une exposition de calligraphie a circulé entre les médiathèques des deux villes.",
    "apiculteurs": "Une vingtaine d'apiculteurs ont été formés à l'élevage de reines et à la récolte.",
}
RARE_PHRASE = "jardins flottants"
RARE_PHRASE_SENTENCE = (
    "Des jardins flottants ont été aménagés sur le lac, avec l'appui des maraîchers du quartier."
)
LONE_WORD_SENTENCE = "Les marchés flottants ont accueilli les élus lors de leur dernière visite."
UNCOMMON_WORD = "agroforesterie"
UNCOMMON_SHARE = 0.01
UNCOMMON_SENTENCE = (
    "Un programme d'agroforesterie accompagne les groupements de producteurs des villages voisins."
)


@dataclass(frozen=True)
class CountryData:
    code: str
    name_fr: str
    name_en: str
    of: str  # « du Sénégal »
    in_: str  # « au Sénégal »
    group: str  # language of its place and person names
    capital: str
    lat: float
    lon: float
    box: tuple  # (lat_min, lat_max, lon_min, lon_max) where its towns lie
    weight: float  # share of foreign bodies and partnerships
    cities: tuple  # real towns besides the capital
    mayor: tuple = ("Maire", "Maire")  # title of the head of a town, masculine and feminine


PEOPLES_COMMITTEE = ("Président du Comité populaire", "Présidente du Comité populaire")

# France first, then by weight: `--countries N` keeps the first N.
COUNTRIES = [
    CountryData("FR", "France", "France", "de la France", "en France", "fr", "Paris", 48.8566, 2.3522,
        (42.4, 51.0, -4.7, 8.1), 0,
        ("Marseille", "Lyon", "Toulouse", "Nice", "Nantes", "Montpellier", "Strasbourg", "Bordeaux", "Lille",
         "Rennes", "Reims", "Saint-Étienne", "Toulon", "Le Havre", "Grenoble", "Dijon", "Angers", "Nîmes",
         "Villeurbanne", "Clermont-Ferrand", "Le Mans", "Aix-en-Provence", "Brest", "Tours", "Amiens",
         "Limoges", "Metz", "Besançon", "Perpignan", "Orléans", "Rouen", "Caen", "Nancy", "Poitiers",
         "La Rochelle", "Pau", "Chambéry")),
    CountryData("SN", "Sénégal", "Senegal", "du Sénégal", "au Sénégal", "wa", "Dakar", 14.7167, -17.4677,
        (12.4, 16.6, -17.5, -11.4), 8,
        ("Saint-Louis", "Thiès", "Ziguinchor", "Kaolack", "Rufisque", "Louga", "Tambacounda", "Kolda",
         "Matam", "Podor", "Mbour", "Diourbel", "Fatick", "Sédhiou")),
    CountryData("DE", "Allemagne", "Germany", "de l'Allemagne", "en Allemagne", "de", "Berlin", 52.52, 13.405,
        (47.6, 54.6, 6.2, 14.8), 8,
        ("Hambourg", "Munich", "Cologne", "Francfort", "Stuttgart", "Düsseldorf", "Leipzig", "Dresde",
         "Fribourg-en-Brisgau", "Sarrebruck", "Mayence", "Trèves", "Karlsruhe", "Hanovre", "Brême")),
    CountryData("BF", "Burkina Faso", "Burkina Faso", "du Burkina Faso", "au Burkina Faso", "wa",
        "Ouagadougou", 12.3714, -1.5197, (9.6, 14.8, -5.4, 2.2), 7,
        ("Bobo-Dioulasso", "Koudougou", "Ouahigouya", "Banfora", "Dédougou", "Kaya", "Tenkodogo",
         "Fada N'Gourma", "Dori", "Gaoua")),
    CountryData("VN", "Vietnam", "Vietnam", "du Vietnam", "au Vietnam", "vi", "Hanoï", 21.0278, 105.8342,
        (9.0, 23.0, 102.5, 109.3), 7,
        ("Hô Chi Minh-Ville", "Hué", "Da Nang", "Haïphong", "Can Tho", "Nha Trang", "Hoi An", "Vinh", "Dalat",
         "Quy Nhon", "Lao Cai", "Ha Long", "Bac Ninh", "Thai Nguyen"),
        PEOPLES_COMMITTEE),
    CountryData("MA", "Maroc", "Morocco", "du Maroc", "au Maroc", "ar", "Rabat", 34.0209, -6.8416,
        (29.7, 35.7, -9.8, -1.9), 7,
        ("Casablanca", "Marrakech", "Fès", "Tanger", "Agadir", "Meknès", "Oujda", "Essaouira", "Chefchaouen",
         "Tétouan")),
    CountryData("ML", "Mali", "Mali", "du Mali", "au Mali", "wa", "Bamako", 12.6392, -8.0029,
        (10.5, 16.5, -11.8, -0.5), 6,
        ("Sikasso", "Ségou", "Mopti", "Kayes", "Tombouctou", "Gao", "Koulikoro", "Kita", "Djenné", "San")),
    CountryData("IT", "Italie", "Italy", "de l'Italie", "en Italie", "it", "Rome", 41.9028, 12.4964,
        (38.0, 46.3, 7.8, 16.5), 6,
        ("Milan", "Turin", "Florence", "Naples", "Bologne", "Gênes", "Venise", "Vérone", "Palerme", "Bari",
         "Pérouse", "Sienne", "Trieste", "Parme")),
    CountryData("TN", "Tunisie", "Tunisia", "de la Tunisie", "en Tunisie", "ar", "Tunis", 36.8065, 10.1815,
        (33.2, 37.2, 8.3, 11.1), 5,
        ("Sfax", "Sousse", "Kairouan", "Bizerte", "Gabès", "Monastir", "Nabeul", "Tozeur", "Mahdia")),
    CountryData("ES", "Espagne", "Spain", "de l'Espagne", "en Espagne", "es", "Madrid", 40.4168, -3.7038,
        (36.5, 43.4, -8.9, 3.0), 5,
        ("Barcelone", "Valence", "Séville", "Saragosse", "Bilbao", "Malaga", "Grenade", "Salamanque",
         "Saint-Sébastien", "Pampelune", "Tolède", "Gérone", "Tarragone")),
    CountryData("MG", "Madagascar", "Madagascar", "de Madagascar", "à Madagascar", "mg", "Antananarivo",
        -18.8792, 47.5079, (-25.0, -12.5, 43.8, 50.0), 5,
        ("Toamasina", "Antsirabe", "Fianarantsoa", "Mahajanga", "Toliara", "Antsiranana", "Morondava")),
    CountryData("GB", "Royaume-Uni", "United Kingdom", "du Royaume-Uni", "au Royaume-Uni", "en", "Londres",
        51.5074, -0.1278, (50.4, 56.0, -4.5, 1.5), 5,
        ("Édimbourg", "Manchester", "Birmingham", "Glasgow", "Liverpool", "Bristol", "Cardiff", "Leeds",
         "Oxford", "Cambridge", "Brighton")),
    CountryData("CA", "Canada", "Canada", "du Canada", "au Canada", "fr", "Ottawa", 45.4215, -75.6972,
        (45.0, 48.5, -79.5, -64.5), 5,
        ("Montréal", "Québec", "Sherbrooke", "Trois-Rivières", "Gatineau", "Laval", "Moncton", "Toronto",
         "Vancouver", "Saguenay", "Rimouski")),
    CountryData("BE", "Belgique", "Belgium", "de la Belgique", "en Belgique", "fr", "Bruxelles", 50.8503,
        4.3517, (49.6, 51.4, 2.7, 6.3), 4,
        ("Liège", "Namur", "Charleroi", "Mons", "Tournai", "Louvain-la-Neuve", "Arlon", "Wavre", "Verviers",
         "Huy", "Dinant", "Gand", "Anvers", "Bruges"),
        ("Bourgmestre", "Bourgmestre")),
    CountryData("CI", "Côte d'Ivoire", "Côte d'Ivoire", "de la Côte d'Ivoire", "en Côte d'Ivoire", "wa",
        "Yamoussoukro", 6.8276, -5.2893, (4.6, 10.3, -8.3, -2.8), 4,
        ("Abidjan", "Bouaké", "Daloa", "San-Pédro", "Korhogo", "Man", "Grand-Bassam", "Gagnoa")),
    CountryData("BJ", "Bénin", "Benin", "du Bénin", "au Bénin", "wa", "Porto-Novo", 6.4969, 2.6289,
        (6.3, 12.0, 1.0, 3.7), 4,
        ("Cotonou", "Abomey", "Parakou", "Ouidah", "Natitingou", "Djougou", "Lokossa", "Bohicon")),
    CountryData("CM", "Cameroun", "Cameroon", "du Cameroun", "au Cameroun", "wa", "Yaoundé", 3.848, 11.5021,
        (2.3, 10.5, 9.6, 15.5), 4,
        ("Douala", "Bafoussam", "Garoua", "Maroua", "Bamenda", "Ngaoundéré", "Dschang", "Kribi", "Bertoua")),
    CountryData("LB", "Liban", "Lebanon", "du Liban", "au Liban", "ar", "Beyrouth", 33.8938, 35.5018,
        (33.1, 34.6, 35.2, 36.5), 4,
        ("Tripoli", "Saïda", "Tyr", "Byblos", "Zahlé", "Baalbek", "Jounieh")),
    CountryData("PL", "Pologne", "Poland", "de la Pologne", "en Pologne", "pl", "Varsovie", 52.2297, 21.0122,
        (49.3, 54.6, 14.5, 23.8), 4,
        ("Cracovie", "Wrocław", "Poznań", "Gdańsk", "Łódź", "Lublin", "Katowice", "Szczecin", "Toruń")),
    CountryData("RO", "Roumanie", "Romania", "de la Roumanie", "en Roumanie", "ro", "Bucarest", 44.4268,
        26.1025, (43.8, 48.1, 21.0, 29.0), 4,
        ("Cluj-Napoca", "Iași", "Timișoara", "Brașov", "Constanța", "Sibiu", "Craiova", "Oradea")),
    CountryData("NE", "Niger", "Niger", "du Niger", "au Niger", "wa", "Niamey", 13.5116, 2.1254,
        (12.0, 15.5, 0.5, 12.0), 3,
        ("Zinder", "Maradi", "Tahoua", "Agadez", "Dosso", "Tillabéri", "Diffa")),
    CountryData("TG", "Togo", "Togo", "du Togo", "au Togo", "wa", "Lomé", 6.1256, 1.2254,
        (6.1, 11.1, -0.1, 1.8), 3,
        ("Sokodé", "Kara", "Kpalimé", "Atakpamé", "Dapaong", "Tsévié", "Aného")),
    CountryData("DZ", "Algérie", "Algeria", "de l'Algérie", "en Algérie", "ar", "Alger", 36.7538, 3.0588,
        (32.5, 36.9, -1.8, 8.3), 3,
        ("Oran", "Constantine", "Annaba", "Tlemcen", "Béjaïa", "Sétif", "Blida", "Tizi Ouzou")),
    CountryData("PS", "Palestine", "Palestine", "de la Palestine", "en Palestine", "ar", "Ramallah", 31.9038,
        35.2034, (31.3, 32.5, 34.9, 35.5), 3,
        ("Naplouse", "Bethléem", "Hébron", "Jéricho", "Jénine", "Gaza")),
    CountryData("KH", "Cambodge", "Cambodia", "du Cambodge", "au Cambodge", "km", "Phnom Penh", 11.5564,
        104.9282, (10.6, 14.4, 102.5, 107.4), 3,
        ("Siem Reap", "Battambang", "Sihanoukville", "Kampot", "Kep", "Kampong Cham"),
        ("Gouverneur", "Gouverneure")),
    CountryData("CN", "Chine", "China", "de la Chine", "en Chine", "zh", "Pékin", 39.9042, 116.4074,
        (22.5, 40.5, 103.0, 121.5), 3,
        ("Shanghai", "Canton", "Wuhan", "Chengdu", "Nankin", "Xi'an", "Hangzhou", "Tianjin", "Kunming",
         "Qingdao", "Shenyang")),
    CountryData("PT", "Portugal", "Portugal", "du Portugal", "au Portugal", "pt", "Lisbonne", 38.7223,
        -9.1393, (37.0, 42.1, -9.4, -6.3), 3,
        ("Porto", "Coimbra", "Braga", "Faro", "Évora", "Aveiro", "Guimarães", "Viseu", "Setúbal")),
    CountryData("HT", "Haïti", "Haiti", "d'Haïti", "en Haïti", "fr", "Port-au-Prince", 18.5944, -72.3074,
        (18.2, 19.8, -74.2, -71.8), 3,
        ("Cap-Haïtien", "Jacmel", "Les Cayes", "Gonaïves", "Jérémie", "Saint-Marc", "Pétion-Ville")),
    CountryData("US", "États-Unis", "United States", "des États-Unis", "aux États-Unis", "en", "Washington",
        38.9072, -77.0369, (30.0, 47.0, -122.0, -71.5), 3,
        ("New York", "La Nouvelle-Orléans", "Chicago", "San Francisco", "Boston", "Atlanta", "Seattle",
         "Lafayette", "Houston")),
    CountryData("CH", "Suisse", "Switzerland", "de la Suisse", "en Suisse", "fr", "Berne", 46.948, 7.4474,
        (46.0, 47.6, 6.1, 10.2), 2,
        ("Lausanne", "Genève", "Neuchâtel", "Fribourg", "Sion", "Delémont", "Bienne", "Montreux",
         "Yverdon-les-Bains", "Zurich", "Bâle"),
        ("Syndic", "Syndique")),
    CountryData("LA", "Laos", "Laos", "du Laos", "au Laos", "lo", "Vientiane", 17.9757, 102.6331,
        (14.0, 22.3, 100.2, 107.5), 2,
        ("Luang Prabang", "Savannakhet", "Paksé", "Thakhek", "Phonsavan", "Vang Vieng"),
        PEOPLES_COMMITTEE),
    CountryData("CD", "République démocratique du Congo", "Democratic Republic of the Congo",
        "de la République démocratique du Congo", "en République démocratique du Congo", "wa", "Kinshasa",
        -4.4419, 15.2663, (-11.5, 3.5, 13.0, 29.5), 2,
        ("Lubumbashi", "Kisangani", "Goma", "Bukavu", "Mbandaka", "Kananga", "Matadi")),
    CountryData("MR", "Mauritanie", "Mauritania", "de la Mauritanie", "en Mauritanie", "ar", "Nouakchott",
        18.0735, -15.9582, (15.5, 21.0, -16.5, -6.0), 2,
        ("Nouadhibou", "Rosso", "Kaédi", "Atar", "Kiffa", "Zouérate")),
    CountryData("GN", "Guinée", "Guinea", "de la Guinée", "en Guinée", "wa", "Conakry", 9.6412, -13.5784,
        (7.5, 12.4, -14.8, -8.0), 2,
        ("Kankan", "Labé", "Kindia", "Nzérékoré", "Boké", "Mamou")),
    CountryData("UA", "Ukraine", "Ukraine", "de l'Ukraine", "en Ukraine", "uk", "Kyiv", 50.4501, 30.5234,
        (46.5, 51.8, 23.0, 38.5), 2,
        ("Lviv", "Kharkiv", "Odessa", "Dnipro", "Tchernihiv", "Vinnytsia", "Jytomyr", "Boutcha", "Irpin")),
    CountryData("AM", "Arménie", "Armenia", "de l'Arménie", "en Arménie", "hy", "Erevan", 40.1792, 44.4991,
        (39.0, 41.2, 43.5, 46.5), 2,
        ("Gumri", "Vanadzor", "Etchmiadzin", "Dilidjan", "Goris", "Kapan")),
    CountryData("BR", "Brésil", "Brazil", "du Brésil", "au Brésil", "pt", "Brasília", -15.7939, -47.8828,
        (-30.0, -3.0, -55.0, -35.0), 2,
        ("São Paulo", "Rio de Janeiro", "Belo Horizonte", "Salvador", "Recife", "Porto Alegre", "Curitiba",
         "Fortaleza", "Belém")),
    CountryData("JP", "Japon", "Japan", "du Japon", "au Japon", "ja", "Tokyo", 35.6762, 139.6503,
        (31.5, 43.0, 130.5, 144.5), 2,
        ("Osaka", "Kyoto", "Nagoya", "Sapporo", "Fukuoka", "Kobe", "Nara", "Hiroshima", "Sendai",
         "Kanazawa")),
    CountryData("DJ", "Djibouti", "Djibouti", "de Djibouti", "à Djibouti", "ar", "Djibouti", 11.5721, 43.1456,
        (11.0, 12.6, 41.9, 43.3), 1,
        ("Ali Sabieh", "Tadjourah", "Obock", "Dikhil", "Arta")),
    CountryData("KR", "Corée du Sud", "South Korea", "de la Corée du Sud", "en Corée du Sud", "ko", "Séoul",
        37.5665, 126.978, (34.8, 38.2, 126.5, 129.3), 1,
        ("Busan", "Incheon", "Daegu", "Gwangju", "Daejeon", "Jeonju", "Suwon")),
    CountryData("MX", "Mexique", "Mexico", "du Mexique", "au Mexique", "es", "Mexico", 19.4326, -99.1332,
        (16.5, 29.5, -109.0, -89.0), 1,
        ("Guadalajara", "Monterrey", "Puebla", "Oaxaca", "Mérida", "Querétaro")),
    CountryData("CL", "Chili", "Chile", "du Chili", "au Chili", "es", "Santiago", -33.4489, -70.6693,
        (-41.0, -18.5, -73.3, -69.8), 1,
        ("Valparaíso", "Concepción", "La Serena", "Antofagasta", "Temuco", "Valdivia")),
]  # fmt: skip
# Share of all partnerships for the few bodies real atlases show in thousands of partnerships.
POPULAR_FOREIGN = {"Dakar": 0.035, "Hanoï": 0.025, "Ouagadougou": 0.015, "Bamako": 0.012}
POPULAR_FRENCH = {
    "Paris": 0.03, "Lyon": 0.02, "Bordeaux": 0.015, "Nantes": 0.01, "Lille": 0.01, "Strasbourg": 0.01,
    "Toulouse": 0.01,
}  # fmt: skip
FRENCH_COORDINATES = {
    "Paris": (48.8566, 2.3522), "Marseille": (43.2965, 5.3698), "Lyon": (45.764, 4.8357),
    "Toulouse": (43.6047, 1.4442), "Nice": (43.7102, 7.262), "Nantes": (47.2184, -1.5536),
    "Montpellier": (43.6108, 3.8767), "Strasbourg": (48.5734, 7.7521), "Bordeaux": (44.8378, -0.5792),
    "Lille": (50.6292, 3.0573), "Rennes": (48.1173, -1.6778), "Reims": (49.2583, 4.0317),
    "Saint-Étienne": (45.4397, 4.3872), "Toulon": (43.1242, 5.928), "Le Havre": (49.4944, 0.1079),
    "Grenoble": (45.1885, 5.7245), "Dijon": (47.322, 5.0415), "Angers": (47.4784, -0.5632),
    "Nîmes": (43.8367, 4.3601), "Villeurbanne": (45.7719, 4.8902), "Clermont-Ferrand": (45.7772, 3.087),
    "Le Mans": (48.0061, 0.1996), "Aix-en-Provence": (43.5297, 5.4474), "Brest": (48.3904, -4.4861),
    "Tours": (47.3941, 0.6848), "Amiens": (49.894, 2.2958), "Limoges": (45.8336, 1.2611),
    "Metz": (49.1193, 6.1757), "Besançon": (47.2378, 6.0241), "Perpignan": (42.6887, 2.8948),
    "Orléans": (47.9029, 1.9093), "Rouen": (49.4432, 1.0999), "Caen": (49.1829, -0.3707),
    "Nancy": (48.6921, 6.1844), "Poitiers": (46.5802, 0.3404), "La Rochelle": (46.1603, -1.1511),
    "Pau": (43.2951, -0.3708), "Chambéry": (45.5646, 5.9178),
}  # fmt: skip
FRENCH_REGIONS = [
    ("Région Bretagne", "Rennes"), ("Région Occitanie", "Toulouse"),
    ("Région Nouvelle-Aquitaine", "Bordeaux"),
    ("Région Auvergne-Rhône-Alpes", "Lyon"), ("Région Hauts-de-France", "Lille"),
    ("Région Grand Est", "Strasbourg"), ("Région Normandie", "Rouen"), ("Région Pays de la Loire", "Nantes"),
    ("Région Île-de-France", "Paris"), ("Région Sud", "Marseille"), ("Région Centre-Val de Loire", "Orléans"),
    ("Région Bourgogne-Franche-Comté", "Dijon"), ("Région Réunion", None),
    ("Département de la Gironde", "Bordeaux"), ("Département du Finistère", "Brest"),
    ("Département de l'Isère", "Grenoble"), ("Département du Nord", "Lille"),
    ("Département de la Loire-Atlantique", "Nantes"), ("Département de l'Hérault", "Montpellier"),
    ("Département des Yvelines", None), ("Département de la Seine-Saint-Denis", None),
    ("Département du Val-de-Marne", None), ("Département de la Haute-Garonne", "Toulouse"),
]  # fmt: skip
FRENCH_ASSOCIATIONS = [
    ("Cités Unies France", "CUF", "de Cités Unies France"),
    ("Association des maires de France", "AMF", "de l'Association des maires de France"),
    ("Régions de France", "", "de Régions de France"),
    ("France urbaine", "", "de France urbaine"),
]
INTERNATIONAL = [
    ("Association internationale des maires francophones", "AIMF",
     "de l'Association internationale des maires francophones"),
    ("Cités et gouvernements locaux unis", "CGLU", "de Cités et gouvernements locaux unis"),
    ("Conseil des communes et régions d'Europe", "CCRE", "du Conseil des communes et régions d'Europe"),
    ("Association des villes et collectivités de la Méditerranée", "AVCM",
     "de l'Association des villes et collectivités de la Méditerranée"),
]  # fmt: skip
MINISTRIES = [
    "de la Décentralisation", "des Collectivités territoriales", "de l'Aménagement du territoire",
    "de l'Intérieur et de la Décentralisation", "du Développement local", "de la Ville et de l'Habitat",
]  # fmt: skip
FRENCH_MINISTRIES = [
    "Ministère de l'Europe et des Affaires étrangères",
    "Ministère de la Transition écologique",
]
ASSOCIATION_PATTERNS = [
    ("Association des maires {of}", "AM"),
    ("Union des communes {of}", "UC"),
    ("Association nationale des collectivités locales {of}", "ANCL"),
]

# French place names composed from real parts.
SAINTS = (
    "Martin", "Pierre", "Jean", "Laurent", "Germain", "Denis", "Étienne", "André", "Julien", "Hilaire",
    "Médard", "Aubin", "Georges", "Cyr", "Rémy", "Paul", "Michel", "Vincent", "Nazaire", "Brieuc", "Malo",
    "Florent", "Amand", "Omer", "Quentin", "Dizier", "Priest", "Genis", "Sever", "Gilles", "Flour",
)  # fmt: skip
SAINTES = ("Marie", "Anne", "Geneviève", "Foy", "Colombe", "Luce", "Savine", "Hélène", "Marguerite", "Cécile")
ROOTS = (
    "Beau", "Bel", "Mont", "Ville", "Roche", "Château", "Clair", "Fontaine", "Val", "Pont", "Bourg", "Neuf",
    "Font", "Mar", "Chante", "Bonne", "Haut", "Grand", "Mire", "Vau", "Aube", "Ker", "Plou", "Lan", "Tré",
)  # fmt: skip
ENDINGS = (
    "mont", "fort", "ville", "court", "lieu", "bois", "champ", "val", "roche", "pré", "fontaine",
    "château", "neuve", "lac", "rive", "vallon", "mesnil", "ferrand", "gny", "ac", "ay", "euil", "ville",
    "bourg", "marché", "lieu",
)  # fmt: skip
ARTICLED = (
    "La Chapelle", "Le Mesnil", "Les Essarts", "La Ferté", "Le Plessis", "La Roche", "Le Bourg", "La Motte",
    "Le Châtelet", "Les Sables", "La Celle", "Le Mont", "La Garde", "Le Puy", "La Tour", "Les Loges",
)  # fmt: skip
SUFFIXES = (
    "-sur-Loire", "-sur-Seine", "-sur-Marne", "-sur-Mer", "-sur-Saône", "-sur-Garonne", "-sur-Lot",
    "-sur-Dordogne", "-sur-Allier", "-sur-Cher", "-sur-Vienne", "-sur-Rhône", "-sur-Oise", "-sur-Aisne",
    "-sur-Sarthe", "-sur-Vilaine", "-sur-Meuse", "-sur-Moselle", "-en-Provence", "-en-Bresse", "-en-Vexin",
    "-en-Brie", "-en-Beauce", "-en-Forez", "-en-Velay", "-les-Bains", "-le-Château", "-le-Vieux",
    "-la-Forêt", "-le-Comte", "-la-Rivière", "-de-Bretagne", "-d'Aunis", "-du-Lac", "-des-Bois",
    "-des-Champs", "-sous-Bois", "-aux-Bois", "-la-Ville", "-l'Abbaye", "-les-Vignes", "-le-Grand",
    "-le-Petit", "-la-Garenne", "-les-Ormes",
)  # fmt: skip
# Foreign place names: (first parts, second parts, joiner) per language.
SYLLABLES = {
    "de": (("Neu", "Alt", "Ober", "Nieder", "Groß", "Klein", "Mühl", "Rosen", "Stein", "Wald", "Berg",
            "Lin", "Eich", "Hoch", "Tann"),
           ("heim", "dorf", "stadt", "burg", "hausen", "feld", "bach", "berg", "ingen", "au", "brück",
            "hagen"), ""),
    "it": (("Castel", "Monte", "Villa", "Borgo", "Ponte", "Rocca", "Fonte", "Pietra", "Campo", "Colle"),
           ("nuovo", "fiore", "franco", "rosso", "alto", "verde", "bello", "lungo", "marino", "vecchio",
            "chiaro"), ""),
    "es": (("Villa", "Torre", "Castro", "Valle", "Monte", "Fuente", "Puerto", "Campo"),
           ("nueva", "franca", "real", "alta", "verde", "mayor", "blanca", "hermosa", "rrubia", "seca"), ""),
    "pt": (("Vila ", "Porto ", "Ponte ", "Monte ", "Castelo ", "Campo ", "Santa Rita ", "São Bento "),
           ("Nova", "Alegre", "Real", "Verde", "Grande", "Branco", "do Sul", "Formoso", "da Serra"), ""),
    "pl": (("Nowo", "Staro", "Biało", "Zielo", "Kamień", "Gór", "Wol", "Dęb", "Brzez", "Lip", "Ostr"),
           ("gród", "wice", "ów", "ice", "na", "sko", "owo", "ica", "niki"), ""),
    "ro": (("Câmpu", "Valea ", "Târgu ", "Baia ", "Piatra ", "Drăg", "Răd", "Bist", "Slat"),
           ("lung", "Mare", "Nouă", "ești", "ăuți", "eni", "ița", "ina"), ""),
    "en": (("Ash", "Brad", "Chester", "Wood", "Green", "Kings", "New", "Black", "Rich", "Stan", "Mil",
            "Wel", "Nor", "Bur"),
           ("ford", "ton", "field", "bury", "ham", "wick", "ley", "borough", "wood", "mouth", "stone",
            "bridge"), ""),
    "uk": (("Novo", "Staro", "Bila ", "Kras", "Myr", "Pere", "Bor", "Ter", "Khmel", "Zolo"),
           ("hrad", "pil", "horod", "ivka", "ka", "ske", "nivka", "ove", "opil", "tonosha"), ""),
    "hy": (("Ar", "Ash", "Mar", "Ger", "Vagh", "Step", "Sev", "Nor", "Abov"),
           ("avir", "tarak", "tuni", "anavan", "arshapat", "yan", "an", "ashen", "ik"), ""),
    "wa": (("Ndia", "Kou", "Ba", "Tam", "Djé", "Sé", "Ko", "Bou", "Ma", "Dio", "Ka", "Ga", "Ta", "Bi",
            "Ou", "Ni", "Fa", "Ti", "Sa", "Ké"),
           ("ré", "ndé", "lo", "ssa", "mbo", "kro", "gou", "dougou", "bé", "né", "kassa", "nkro", "ko",
            "rou", "fara", "tenga", "ssi"), ""),
    "mg": (("Ambato", "Ambo", "Anta", "Ankazo", "Mahi", "Fara", "Tsi", "Ampasi", "Ande", "Mora"),
           ("lampy", "hitra", "nanarivo", "be", "tsara", "mena", "vohitra", "fana", "mahery", "masina"), ""),
    "ar": (("Sidi ", "Aïn ", "Bou", "Ben ", "El ", "Oued ", "Ksar ", "Bir ", "Dar ", "Hammam ", "Beni "),
           ("Slimane", "Kacem", "Yahia", "Bennour", "Amar", "Larbi", "Djemaa", "Lif", "Mellal", "Rached",
            "Jdid", "Taourirt", "Sebaa"), ""),
    "vi": (("Phu", "Thanh", "Binh", "An", "Long", "Quang", "Tan", "Duc", "Hoa", "Viet", "Yen", "Dong",
            "Thuan", "Cam"),
           ("Ninh", "Binh", "Hoa", "An", "Long", "Phong", "Lam", "Thanh", "Hai", "Son", "Yen", "Duong",
            "Lac"), " "),
    "lo": (("Ban", "Muang", "Nong", "Xieng", "Pak", "Phon"),
           ("Kham", "Hong", "Sai", "Thong", "Phan", "Xai", "Ngeun", "Mai", "Keo", "Bang"), " "),
    "km": (("Kampong", "Prey", "Svay", "Tuol", "Phum", "Stung"),
           ("Chhnang", "Speu", "Rieng", "Kouk", "Thom", "Trach", "Veng", "Sen", "Luong"), " "),
    "zh": (("Jin", "Nan", "Bei", "Dong", "Xi", "Chang", "Hua", "Tai", "Yun", "Qing", "Fu", "Lu", "Hai"),
           ("zhou", "yang", "shan", "ning", "chang", "hai", "ping", "an", "jiang", "men", "du", "xing"), ""),
    "ja": (("Kawa", "Yama", "Taka", "Naka", "Matsu", "Kita", "Minami", "Hana", "Shira", "Ishi", "Fuji",
            "Oka", "Nishi", "Mori"),
           ("saki", "moto", "hama", "mura", "shima", "oka", "yama", "kawa", "zawa", "hara", "gawa"), ""),
    "ko": (("Cheong", "Gyeong", "Yang", "Jin", "Gwang", "Nam", "Seong", "Pyeong", "Chun", "Won", "Geum"),
           ("ju", "won", "cheon", "san", "po", "chang", "yang", "taek", "hae", "chon", "gu"), ""),
}  # fmt: skip

# (masculine first names, feminine first names, family names, family name first)
NAMES = {
    "fr": (("Jean", "Pierre", "Michel", "Philippe", "Alain", "Nicolas", "Christophe", "Laurent", "François",
            "Éric", "Olivier", "Thierry", "Patrick", "Julien", "Mathieu", "Stéphane", "Bruno", "Gilles",
            "Antoine", "Hervé", "Yannick", "Damien"),
           ("Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Anne", "Christine", "Sophie", "Valérie",
            "Claire", "Hélène", "Martine", "Céline", "Élise", "Juliette", "Agnès", "Florence", "Camille",
            "Johanna", "Laure"),
           ("Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
            "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
            "Vincent", "Fournier", "Morel", "Girard", "André", "Lefèvre", "Mercier", "Dupont", "Lambert",
            "Bonnet", "François", "Legrand", "Garnier", "Faure", "Rousseau", "Blanc", "Guérin", "Muller",
            "Henry", "Roussel", "Perrin", "Morin", "Clément", "Gauthier", "Dumont", "Fontaine", "Chevalier",
            "Robin", "Le Gall", "Le Goff", "Kerjean", "Tremblay", "Gagnon", "Pelletier"), False),
    "de": (("Klaus", "Thomas", "Stefan", "Andreas", "Michael", "Jürgen", "Markus", "Wolfgang", "Frank"),
           ("Sabine", "Petra", "Claudia", "Monika", "Andrea", "Katrin", "Ursula", "Anja"),
           ("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann",
            "Schulz", "Koch", "Richter", "Wolf", "Krüger", "Hartmann"), False),
    "it": (("Marco", "Giuseppe", "Giovanni", "Luca", "Francesco", "Alessandro", "Andrea", "Paolo", "Stefano"),
           ("Giulia", "Francesca", "Chiara", "Elena", "Sara", "Valentina", "Laura", "Paola"),
           ("Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
            "Greco", "Bruno", "Gallo", "Conti", "De Luca"), False),
    "es": (("José", "Antonio", "Manuel", "Francisco", "Juan", "Javier", "Carlos", "Miguel", "Luis"),
           ("María", "Carmen", "Ana", "Isabel", "Lucía", "Laura", "Marta", "Elena", "Pilar", "Guadalupe"),
           ("García", "Fernández", "González", "Rodríguez", "López", "Martínez", "Sánchez", "Pérez", "Gómez",
            "Díaz", "Hernández", "Ruiz", "Torres", "Ramírez", "Flores"), False),
    "pt": (("João", "José", "António", "Pedro", "Paulo", "Carlos", "Luís", "Miguel", "Rui", "Marcelo"),
           ("Maria", "Ana", "Joana", "Beatriz", "Mariana", "Inês", "Fernanda", "Luiza"),
           ("Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa",
            "Almeida", "Carvalho", "Lima"), False),
    "pl": (("Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Marcin", "Jan", "Michał"),
           ("Anna", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara", "Ewa", "Joanna", "Magdalena"),
           ("Nowak", "Wójcik", "Kowalczyk", "Mazur", "Krawczyk", "Kaczmarek", "Zając", "Król", "Wieczorek"),
           False),
    "ro": (("Ion", "Andrei", "Mihai", "Alexandru", "Gheorghe", "Florin", "Cristian", "Adrian"),
           ("Maria", "Elena", "Ioana", "Ana", "Mihaela", "Andreea", "Cristina", "Gabriela"),
           ("Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei", "Munteanu",
            "Constantin"), False),
    "en": (("John", "David", "James", "Michael", "Robert", "William", "Richard", "Thomas", "Peter"),
           ("Sarah", "Elizabeth", "Mary", "Emma", "Jennifer", "Susan", "Karen", "Helen"),
           ("Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Johnson",
            "Walker", "Wright", "Robinson", "Miller"), False),
    "uk": (("Oleksandr", "Andriy", "Serhiy", "Volodymyr", "Mykola", "Vitaliy", "Ihor", "Yuriy"),
           ("Olena", "Natalia", "Tetiana", "Iryna", "Oksana", "Yulia", "Svitlana"),
           ("Melnyk", "Shevchenko", "Bondarenko", "Kovalenko", "Boyko", "Tkachenko", "Kravchenko",
            "Oliynyk"), False),
    "hy": (("Armen", "Aram", "Davit", "Hayk", "Tigran", "Gagik", "Levon"),
           ("Anahit", "Lusine", "Mariam", "Nare", "Gayane"),
           ("Hakobyan", "Petrosyan", "Sargsyan", "Grigoryan", "Avetisyan", "Harutyunyan", "Khachatryan"),
           False),
    "wa": (("Mamadou", "Moussa", "Ousmane", "Ibrahima", "Abdoulaye", "Amadou", "Souleymane", "Boubacar",
            "Cheikh", "Issa", "Seydou", "Adama", "Kofi", "Koffi", "Yao", "Désiré", "Paul", "Serge"),
           ("Aminata", "Fatou", "Mariama", "Awa", "Aïssatou", "Khadija", "Rokia", "Adjoa", "Safiatou",
            "Clarisse", "Bintou", "Henriette"),
           ("Diop", "Ndiaye", "Fall", "Sow", "Diallo", "Ba", "Traoré", "Keïta", "Coulibaly", "Ouédraogo",
            "Sawadogo", "Kaboré", "Konaté", "Touré", "Cissé", "Koné", "Kouassi", "Kouamé", "Mensah",
            "Adjovi", "Mahamadou", "Issoufou", "Mbarga", "Fotso"), False),
    "mg": (("Jean", "Hery", "Andry", "Rivo", "Tojo", "Haja", "Fidy", "Naina"),
           ("Voahangy", "Lalao", "Hanitra", "Fara", "Noro", "Vola"),
           ("Rakotomalala", "Randriamampionona", "Rasoanaivo", "Rakotoarisoa", "Andrianarivo",
            "Razafindrakoto", "Rabemananjara", "Ravelojaona"), False),
    "ar": (("Mohamed", "Ahmed", "Karim", "Youssef", "Mehdi", "Hassan", "Rachid", "Khalid", "Samir", "Nabil",
            "Omar", "Fouad", "Walid", "Ali"),
           ("Fatima", "Leïla", "Amina", "Nadia", "Samira", "Salma", "Yasmina", "Rania", "Hind", "Souad"),
           ("Benali", "El Amrani", "Bennani", "Tazi", "Alaoui", "Haddad", "Mansour", "Khoury", "Trabelsi",
            "Ben Salah", "Bouzid", "Saadi", "Hamdan", "Nasser", "Abdallah", "Chami"), False),
    "vi": (("Van An", "Van Minh", "Duc Thanh", "Quang Huy", "Van Hung", "Minh Tuan", "Thanh Son",
            "Huu Phuoc", "Sy Thanh"),
           ("Thi Lan", "Thi Hoa", "Thi Mai", "Thi Thu", "Thi Huong", "Ngoc Anh"),
           ("Nguyen", "Tran", "Le", "Pham", "Hoang", "Vu", "Vo", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong"),
           True),
    "lo": (("Somsak", "Khamphoui", "Bounthavy", "Sengphet", "Phonsavanh", "Anousone"),
           ("Souphaphone", "Manivone", "Khamla", "Vilayvanh", "Chanthala"),
           ("Phommachanh", "Sisavath", "Keomany", "Vongsa", "Souvannavong", "Inthavong", "Phanthavong"),
           False),
    "km": (("Sokha", "Vuthy", "Sophal", "Chanthou", "Dara", "Rithy", "Sokun"),
           ("Sreymom", "Chenda", "Bopha", "Sophea", "Channary"),
           ("Sok", "Chan", "Kim", "Heng", "Ly", "Meas", "Sorn", "Chea", "Pich", "Keo"), True),
    "zh": (("Wei", "Jian", "Ming", "Lei", "Jun", "Hao", "Qiang"),
           ("Fang", "Li", "Jing", "Yan", "Xiu", "Mei", "Na"),
           ("Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Zhou", "Wu"), True),
    "ja": (("Hiroshi", "Takashi", "Kenji", "Makoto", "Satoshi", "Kazuo"),
           ("Yoko", "Keiko", "Akiko", "Yumi", "Naoko", "Mariko"),
           ("Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura",
            "Kobayashi"), False),
    "ko": (("Min-jun", "Sung-ho", "Jae-won", "Dong-hyun", "Young-soo"),
           ("Ji-young", "Eun-ji", "Mi-kyung", "Hye-jin", "Soo-yeon"),
           ("Kim", "Lee", "Park", "Choi", "Jung", "Kang", "Yoon"), True),
}  # fmt: skip
FRANCOPHONE_GROUPS = {"fr", "wa", "ar", "mg"}

# name, English name, weight, details of an agreement's priority (no « coopération » in them),
# what happens (a sentence for summaries and articles), article headlines ({a}, {b}: the two places)
DOMAINS = [
    ("Eau et assainissement", "Water and sanitation", 10,
     ("Raccorder les quartiers périphériques au réseau d'eau potable",
      "Construire des latrines dans les écoles",
      "Créer un service municipal de l'eau"),
     ("Des forages et des bornes-fontaines ont été financés dans plusieurs quartiers {de_b}.",
      "Le réseau d'eau potable {de_b} a été étendu grâce au 1 % eau voté par {a}.",
      "Des techniciens {de_a} ont formé les agents du service de l'assainissement {de_b}."),
     ("{b} inaugure de nouvelles bornes-fontaines financées avec {a}",
      "L'eau potable arrive dans trois quartiers {de_b}",
      "{a} et {b} : un plan pour l'assainissement")),
    ("Éducation et jeunesse", "Education and youth", 9,
     ("Jumeler les écoles primaires", "Accueillir des volontaires de service civique",
      "Équiper les bibliothèques scolaires"),
     ("Des classes des deux villes correspondent chaque année et préparent des voyages scolaires.",
      "Des volontaires {de_a} animent des ateliers dans les écoles {de_b}.",
      "Une bibliothèque scolaire a été équipée {at_b} avec des livres collectés {at_a}."),
     ("Des lycéens {de_a} en voyage d'étude {at_b}", "{a} et {b} jumellent leurs écoles",
      "Des volontaires {de_a} dans les écoles {de_b}")),
    ("Échanges culturels et patrimoine historique", "Cultural exchanges and historical heritage", 8,
     ("Restaurer la citadelle et les remparts", "Créer un festival commun", "Inventorier le patrimoine bâti"),
     ("Un festival accueille chaque été des artistes des deux villes.",
      "Les architectes du patrimoine {de_a} accompagnent la restauration du centre ancien {de_b}.",
      "Une exposition de photographies a circulé entre les musées des deux villes."),
     ("{b} invitée d'honneur du festival {de_a}", "Le centre ancien {de_b} restauré avec l'appui {de_a}",
      "Une exposition croisée entre {a} et {b}")),
    ("Développement local", "Local development", 7,
     ("Soutenir les marchés et l'artisanat", "Créer une maison des entreprises", "Former les élus locaux"),
     ("Un marché couvert a été reconstruit {at_b} avec l'appui des services {de_a}.",
      "Des artisans {de_b} ont exposé leurs créations au salon {de_a}.",
      "Un fonds d'appui aux initiatives locales finance chaque année une dizaine de projets."),
     ("Un nouveau marché couvert inauguré {at_b}", "Les artisans {de_b} exposent {at_a}",
      "{a} et {b} soutiennent les initiatives locales")),
    ("Gouvernance", "Governance", 6,
     ("Moderniser l'état civil", "Améliorer la collecte des recettes locales",
      "Associer les habitants au budget"),
     ("L'état civil {de_b} a été informatisé avec l'aide des agents {de_a}.",
      "Un budget participatif a été lancé {at_b} sur le modèle de celui {de_a}.",
      "Les finances locales {de_b} ont fait l'objet d'un diagnostic partagé."),
     ("L'état civil {de_b} passe au numérique", "Un budget participatif {at_b}",
      "{a} et {b} échangent sur la gestion municipale")),
    ("Santé", "Health", 6,
     ("Équiper le centre de santé communal", "Former les sages-femmes", "Lutter contre le paludisme"),
     ("Le centre de santé {de_b} a reçu du matériel médical collecté par les hôpitaux {de_a}.",
      "Des sages-femmes {de_b} ont suivi une formation à la maternité {de_a}.",
      "Une campagne de prévention a touché plusieurs milliers d'habitants {de_b}."),
     ("Du matériel médical {de_a} pour le centre de santé {de_b}", "Une campagne de prévention {at_b}",
      "{a} et {b} : la santé au coeur des échanges")),
    ("Gestion des déchets", "Waste management", 5,
     ("Créer une filière de collecte des déchets", "Construire un centre de tri", "Réhabiliter la décharge"),
     ("Un centre de tri des déchets a été construit {at_b} avec l'appui des services {de_a}.",
      "La collecte des ordures ménagères est désormais assurée par des groupements de quartier.",
      "Des bennes et des tricycles ont été remis aux services de la propreté {de_b}."),
     ("Un centre de tri des déchets inauguré {at_b}", "La collecte des déchets s'organise {at_b}",
      "Des bennes offertes par {a} {at_b}")),
    ("Transition numérique", "Digital transition", 5,
     ("Créer une « ville intelligente et durable »", "Dématérialiser les démarches administratives",
      "Former les agents aux outils numériques"),
     ("Les démarches administratives {de_b} sont désormais accessibles en ligne.",
      "Un espace public numérique a ouvert {at_b} avec du matériel fourni par {a}.",
      "Les agents {de_b} ont été formés aux outils numériques par des formateurs {de_a}."),
     ("Un espace public numérique ouvre {at_b}", "{b} dématérialise ses démarches avec l'appui {de_a}",
      "{a} et {b} misent sur le numérique")),
    ("Agriculture et alimentation", "Agriculture and food", 5,
     ("Soutenir le maraîchage périurbain", "Créer une cantine scolaire",
      "Structurer une filière de céréales"),
     ("Des maraîchers {de_b} ont été formés aux techniques de culture sans pesticides.",
      "Une cantine scolaire sert chaque jour un repas aux élèves {de_b}.",
      "Des jardins partagés ont été créés dans plusieurs quartiers des deux villes."),
     ("Des jardins partagés {at_a} et {at_b}", "Une cantine scolaire ouvre {at_b}",
      "Les maraîchers {de_b} formés avec l'appui {de_a}")),
    ("Climat et énergie", "Climate and energy", 5,
     ("Éclairer les rues à l'énergie solaire", "Planter une ceinture verte", "Élaborer un plan climat"),
     ("Des lampadaires solaires éclairent désormais les rues principales {de_b}.",
      "Un plan climat commun fixe des objectifs de réduction des émissions pour les deux villes.",
      "Des milliers d'arbres ont été plantés autour {de_b} pour freiner l'avancée du désert."),
     ("Des lampadaires solaires dans les rues {de_b}", "{a} et {b} adoptent un plan climat",
      "Une ceinture verte autour {de_b}")),
    ("Aménagement des espaces verts", "Green spaces", 4,
     ("Aménager les berges du fleuve", "Créer un parc urbain", "Former les jardiniers municipaux"),
     ("Les jardiniers municipaux des deux villes échangent leurs savoir-faire chaque printemps.",
      "Un parc urbain a été aménagé {at_b} sur d'anciens terrains vagues.",
      "Les berges du fleuve ont été réaménagées en promenade {at_b}."),
     ("Un nouveau parc urbain {at_b}", "Les jardiniers {de_a} et {de_b} échangent leurs savoir-faire",
      "Les berges {de_b} réaménagées")),
    ("Décentralisation", "Decentralisation", 4,
     ("Accompagner le transfert des compétences", "Former les secrétaires généraux des communes",
      "Renforcer l'intercommunalité"),
     ("Les secrétaires généraux des communes de la région {de_b} ont suivi une formation {at_a}.",
      "Le transfert des compétences de l'État vers {b} a fait l'objet d'un accompagnement juridique.",
      "Une intercommunalité regroupe désormais {b} et les communes voisines."),
     ("Les secrétaires généraux de la région {de_b} en formation {at_a}",
      "{b} prépare le transfert de nouvelles compétences", "Une intercommunalité autour {de_b}")),
    ("Tourisme", "Tourism", 4,
     ("Créer un office de tourisme", "Valoriser les circuits patrimoniaux", "Former les guides"),
     ("Un office de tourisme a ouvert {at_b} avec l'appui de celui {de_a}.",
      "Des circuits de découverte relient les sites patrimoniaux {de_b}.",
      "Des guides {de_b} ont été formés à l'accueil des visiteurs."),
     ("Un office de tourisme ouvre {at_b}", "{b} présente ses circuits au salon du tourisme {de_a}",
      "Des guides {de_b} formés {at_a}")),
    ("Mobilité urbaine", "Urban mobility", 3,
     ("Créer un réseau de transport public", "Aménager des pistes cyclables",
      "Sécuriser les abords des écoles"),
     ("Un plan de mobilité a été élaboré pour {b} avec les ingénieurs {de_a}.",
      "Des pistes cyclables relient désormais le centre {de_b} aux quartiers.",
      "Les abords des écoles {de_b} ont été sécurisés."),
     ("Un plan de mobilité pour {b}", "Des pistes cyclables {at_b}", "{a} et {b} : circuler autrement")),
    ("Urbanisme et habitat", "Urban planning and housing", 3,
     ("Réhabiliter les quartiers anciens", "Élaborer un plan d'urbanisme", "Améliorer l'habitat précaire"),
     ("Un plan d'urbanisme a été élaboré pour {b} avec l'agence d'urbanisme {de_a}.",
      "Des logements ont été réhabilités dans le quartier ancien {de_b}.",
      "Le cadastre {de_b} a été numérisé."),
     ("Le quartier ancien {de_b} réhabilité", "Un plan d'urbanisme pour {b}", "Le cadastre {de_b} numérisé")),
    ("Égalité femmes-hommes", "Gender equality", 3,
     ("Soutenir l'entrepreneuriat des femmes", "Former les élues locales", "Ouvrir une maison des femmes"),
     ("Une maison des femmes a ouvert {at_b}.",
      "Des élues locales {de_b} ont participé à un séminaire de formation {at_a}.",
      "Des groupements de femmes reçoivent un appui à la transformation des produits agricoles."),
     ("Une maison des femmes ouvre {at_b}", "Des élues {de_b} en formation {at_a}",
      "{a} et {b} soutiennent l'entrepreneuriat des femmes")),
    ("Sport", "Sport", 2,
     ("Construire un terrain multisports", "Organiser un tournoi commun", "Former les éducateurs sportifs"),
     ("Un terrain multisports a été construit {at_b}.",
      "Un tournoi de football réunit chaque année les jeunes des deux villes.",
      "Des éducateurs sportifs {de_a} ont encadré des stages {at_b}."),
     ("Un terrain multisports inauguré {at_b}", "Le tournoi des jeunes {de_a} et {de_b}",
      "Des éducateurs {de_a} en stage {at_b}")),
    ("Économie sociale et solidaire", "Social and solidarity economy", 2,
     ("Accompagner les mutuelles de santé", "Créer une ressourcerie", "Soutenir le microcrédit"),
     ("Une ressourcerie a ouvert {at_b} sur le modèle de celles {de_a}.",
      "Des mutuelles de santé communautaires ont été créées dans les quartiers {de_b}.",
      "Un fonds de microcrédit soutient les commerçants {de_b}."),
     ("Une ressourcerie ouvre {at_b}", "Des mutuelles de santé dans les quartiers {de_b}",
      "{a} et {b} soutiennent le microcrédit")),
]  # fmt: skip
THEMES = [
    ("Gouvernance", 5), ("Coopération décentralisée", 8), ("Environnement", 5), ("Culture", 4),
    ("Jeunesse", 4), ("Économie", 3), ("Solidarité internationale", 5), ("Francophonie", 3),
]  # fmt: skip
TAGS = [
    "francophonie", "jumelage", "eau", "jeunesse", "assainissement", "patrimoine", "sud-sud", "aimf", "cglu",
    "climat", "numérique", "ville intelligente", "agriculture urbaine", "femmes", "santé", "sport",
    "tourisme", "formation", "volontariat", "éducation", "déchets", "énergie solaire", "mobilité",
    "urbanisme", "sahel", "afrique de l'ouest", "asean", "union européenne", "erasmus", "reconstruction",
    "urgence humanitaire", "1 % eau", "loi oudin-santini", "chantier solidaire", "échanges scolaires",
    "musées", "bibliothèques", "marchés", "pêche", "forêts", "biodiversité", "état civil", "finances locales",
    "cadastre", "développement local", "décentralisation", "capitales", "méditerranée", "diaspora",
    "coopération décentralisée",
]  # fmt: skip
# (name, kind, organiser's short name or None, countries where it is held or None for anywhere)
EVENTS = [
    ("Assemblée générale de l'AIMF", Event.Kind.GENERAL_ASSEMBLY, "AIMF",
     ("FR", "SN", "BF", "VN", "MA", "CA", "BE", "TN", "CM")),
    ("Congrès de l'AIMF", Event.Kind.CONGRESS, "AIMF", ("CH", "FR", "BE", "SN", "CA", "CI")),
    ("Congrès mondial de CGLU", Event.Kind.CONGRESS, "CGLU", ("MA", "ES", "KR", "FR", "BR", "DE")),
    ("Rencontres de l'action internationale des collectivités", Event.Kind.FORUM, "CUF", ("FR",)),
    ("Forum mondial de l'eau", Event.Kind.FORUM, None, ("FR", "MA", "SN", "KR", "BR", "JP", "MX")),
    ("Forum des maires de l'ASEAN", Event.Kind.FORUM, None, ("VN", "LA", "KH")),
    ("Assises des collectivités France – {country}", Event.Kind.FORUM, "CUF", None),
    ("Sommet Afrique–France des villes et territoires", Event.Kind.CONGRESS, None,
     ("SN", "ML", "BF", "CI", "BJ", "MA", "TN")),
    ("Réunion annuelle des comités de jumelage", Event.Kind.MEETING, "CCRE",
     ("DE", "IT", "PL", "BE", "ES", "FR")),
    ("Journées européennes du développement local", Event.Kind.FORUM, "CCRE", ("BE", "DE", "IT", "PL", "RO")),
    ("Forum des villes de la Méditerranée", Event.Kind.FORUM, "AVCM", ("TN", "MA", "LB", "IT", "ES", "FR")),
]  # fmt: skip
MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre",
    "novembre", "décembre",
)  # fmt: skip
VOWELS = "AEIOUÉÈÊÎÔÂÀaeiouéèêîôâà"
FRENCH_ELECTIONS = tuple(
    datetime.date(*ymd)
    for ymd in ((1977, 3, 13), (1983, 3, 6), (1989, 3, 12), (1995, 6, 11), (2001, 3, 11), (2008, 3, 9),
                (2014, 3, 23), (2020, 3, 15), (2026, 3, 15))
)  # fmt: skip
TERM_YEARS = {"BE": 6, "DE": 6, "IT": 5, "ES": 4, "PT": 4, "GB": 4, "CA": 4, "US": 4, "CH": 5, "VN": 5}
POLICY_BASES = (
    "L'étroite complémentarité des politiques de relations extérieures des deux collectivités.",
    "Une amitié ancienne entre les habitants, entretenue par les comités de jumelage.",
    "La volonté commune de contribuer au développement durable des territoires.",
    "Le partage de la langue française et l'attachement des deux villes à la Francophonie.",
    "Les liens tissés par la diaspora installée {at_a}.",
    "Un patrimoine historique comparable et des défis urbains semblables.",
)
AIMS = (
    "Faciliter les échanges entre les services municipaux concernés",
    "Encourager les rencontres entre habitants, écoles et associations",
    "Favoriser la circulation de l'information entre les acteurs des deux territoires",
    "Soutenir les projets portés par les associations locales",
    "Accueillir des stagiaires et des volontaires",
    "Partager les bonnes pratiques de gestion municipale",
    "Former les agents des services techniques",
)
PARTNERSHIP_OPENERS = {
    True: (
        "Coopération décentralisée entre {a} ({ca}) et {b} ({cb}), engagée en {year}.",
        "Depuis {year}, {a} et {b} mènent une coopération suivie, fondée sur des échanges réguliers entre"
        " leurs services.",
        "Lancée en {year}, la coopération entre {a} et {b} associe élus, agents municipaux et associations.",
        "Partenariat de coopération entre {a} et {b} ({cb}), noué en {year} à l'initiative des deux maires.",
        "{a} et {b} sont liées depuis {year} ; leur coopération s'est élargie au fil des accords.",
    ),
    False: (
        "{a} et {b} ({cb}) sont liées depuis {year} par des échanges entre habitants et écoles.",
        "Relation nouée en {year} entre {a} et {b}, entretenue par un comité de jumelage très actif.",
        "Depuis {year}, {a} et {b} échangent élus, agents municipaux et bénévoles.",
        "Lien d'amitié entre {a} ({ca}) et {b} ({cb}), établi en {year}.",
    ),
}
TWINNING_OPENERS = (
    "Jumelage entre {a} ({ca}) et {b} ({cb}), scellé en {year}.",
    "{a} et {b} sont jumelées depuis {year}.",
)
CLOSINGS = {
    True: (
        "Un comité de pilotage de la coopération se réunit chaque année, alternativement {at_a} et {at_b}.",
        "La coopération s'appuie sur un réseau d'associations très actif des deux côtés.",
        "Les deux collectivités présentent régulièrement leur coopération aux rencontres de leurs réseaux.",
    ),
    False: (
        "Un comité de pilotage se réunit chaque année, alternativement {at_a} et {at_b}.",
        "Le partenariat s'appuie sur un réseau d'associations très actif des deux côtés.",
        "Des bénévoles des deux villes organisent chaque année une semaine d'échanges.",
        "",
    ),
}
SIGNING_TITLES = {
    True: (
        "{a} et {b} signent un nouvel accord de coopération",
        "Coopération : {a} et {b} signent {agreement}",
        "{a} et {b} renforcent leur coopération",
        "Signature d'un accord de coopération entre {a} et {b}",
    ),
    False: (
        "{a} et {b} renouvellent leurs engagements",
        "Signature officielle entre {a} et {b}",
        "{a} et {b} scellent leur amitié",
        "Un nouveau texte pour {a} et {b}",
    ),
}
VISIT_TITLES = (
    "Une délégation {of_s} en visite {at_h}",
    "Visite de travail de la délégation {of_s} {at_h}",
    "{leader} conduit une délégation {at_h}",
    "Les élus {of_s} reçus {at_h}",
)
QUOTES = {
    True: (
        "« Cette coopération est un engagement de long terme, qui se construit avec les habitants », a"
        " souligné {person}.",
        "« Notre coopération avec {other} donne des résultats concrets », s'est félicité {person}.",
        "Pour {person}, « la coopération entre villes est un levier de développement ».",
    ),
    False: (
        "« Nos deux villes partagent une histoire et des projets », a souligné {person}.",
        "« Ces échanges donnent des résultats concrets », s'est félicité {person}.",
        "Pour {person}, « l'amitié entre nos villes se construit avec les habitants ».",
    ),
}
MENTION_SENTENCES = (
    "Ce projet s'inscrit dans la coopération engagée entre les deux villes.",
    "La coopération entre {a} et {b} entre ainsi dans une nouvelle étape.",
    "Les services des deux villes poursuivent leur coopération sur ce dossier.",
    "C'est l'un des volets les plus visibles de la coopération entre {a} et {b}.",
)
NEUTRAL_SENTENCES = (
    "Les services des deux villes restent en contact étroit sur ce dossier.",
    "Les habitants ont été associés à chaque étape du projet.",
    "Un bilan sera présenté lors de la prochaine réunion du comité de pilotage.",
    "D'autres actions sont prévues au cours des prochains mois.",
    "Les associations locales ont pris une large part à l'organisation.",
)
MEETING_SUMMARIES = (
    "Les deux parties ont fait le point sur les projets en cours et sur le calendrier des prochaines étapes.",
    "L'entretien a porté sur le financement des projets et sur la formation des agents municipaux.",
    "Les échanges ont porté sur les priorités des prochaines années.",
    "",
)


def de(name):
    """« de Lyon », « d'Angers », « du Mans », « des Essarts »."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[0] in VOWELS:
        return "d'" + name
    return "de " + name


def at(name):
    """« à Lyon », « au Mans », « aux Essarts »."""
    if name.startswith("Le "):
        return "au " + name[3:]
    if name.startswith("Les "):
        return "aux " + name[4:]
    return "à " + name


def places(a, b):
    """What templates may name: {a}, {de_a} (« d'Angers »), {at_a} (« au Mans »), and the same for b."""
    return {"a": a, "b": b, "de_a": de(a), "de_b": de(b), "at_a": at(a), "at_b": at(b)}


def and_list(items):
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " et " + items[-1]


def french_date(day, precision=Precision.DAY):
    """« le 24 mai 2024 », « en mai 2024 », « en 2024 »."""
    if precision == Precision.YEAR:
        return f"en {day.year}"
    if precision == Precision.MONTH:
        return f"en {MONTHS[day.month - 1]} {day.year}"
    return f"le {'1er' if day.day == 1 else day.day} {MONTHS[day.month - 1]} {day.year}"


def make_slug(letter, index, text, max_length=50):
    head = f"{PREFIX}{letter}{index}"
    return f"{head}-{slug_words(text, max_length - len(head) - 1)}".strip("-")


def slug_words(text, max_length):
    """`text` slugified, cut after its last whole word that fits in `max_length`."""
    slug = slugify(text)
    if len(slug) <= max_length:
        return slug
    return slug[: max_length + 1].rsplit("-", 1)[0] if "-" in slug[: max_length + 1] else slug[:max_length]


def exact_flags(rng, n, share):
    """Exactly round(n * share) of n rows flagged, spread at random."""
    flags = bytearray(n)
    for i in rng.sample(range(n), round(n * share)):
        flags[i] = 1
    return flags


def sentence_rows(rng, n):
    """Which rows carry which special sentence: each rare word, the phrase, the lone word (3 rows each)."""
    extras = {}
    specials = [*RARE_WORDS.values(), RARE_PHRASE_SENTENCE, LONE_WORD_SENTENCE]
    for sentence in specials:
        for i in rng.sample(range(n), min(RARE_ROWS, n)):
            extras.setdefault(i, []).append(sentence)
    for i in rng.sample(range(n), round(n * UNCOMMON_SHARE)):
        extras.setdefault(i, []).append(UNCOMMON_SENTENCE)
    return extras


def random_day(rng, first, last):
    return first + datetime.timedelta(days=rng.randrange((last - first).days + 1))


def decimal(value):
    return Decimal(f"{value:.6f}")


def tail(rng):
    """A body's pull: most near 1, a few up to 6 times more (the named popular ones are set apart)."""
    return min(rng.paretovariate(2.5), 6)


class WeightedPool:
    """Bodies drawn by weight; `shares` forces a few of them to a fixed share of the draws."""

    def __init__(self, bodies, weights, shares=None):
        shares = {key: share for key, share in (shares or {}).items() if share}
        rest = sum(w for body, w in zip(bodies, weights, strict=True) if body.label not in shares) or 1
        forced = sum(shares[body.label] for body in bodies if body.label in shares)
        scale = rest / (1 - forced) if forced < 1 else rest
        self.bodies = list(bodies)
        final = [
            shares[b.label] * scale if b.label in shares else w for b, w in zip(bodies, weights, strict=True)
        ]
        self.cum = list(itertools.accumulate(final))

    def __bool__(self):
        return bool(self.bodies)

    def pick(self, rng):
        return self.bodies[bisect.bisect_left(self.cum, rng.random() * self.cum[-1])]


@dataclass
class Counts:
    partnerships: int = 1000
    articles: int = 1000
    bodies: int | None = None
    countries: int = len(COUNTRIES)
    events: int | None = None

    def __post_init__(self):
        self.countries = max(2, min(self.countries, len(COUNTRIES)))
        minimum = self.countries + len(INTERNATIONAL) + len(FRENCH_ASSOCIATIONS) + 10
        if self.bodies is None:
            self.bodies = max(minimum, self.countries * 2 + 20, min(6000, self.partnerships // 16))
        self.bodies = max(self.bodies, minimum)
        if self.events is None:
            self.events = max(5, min(400, self.partnerships // 250))


@dataclass
class PartnershipFacts:
    """What articles need to know of a generated partnership."""

    pk: int
    started: int
    bodies: list
    domains: list
    tags: list
    agreements: list = field(default_factory=list)  # (pk, signed_on, precision, title, signatories, event)
    delegations: list = field(default_factory=list)  # (pk, start, end, sender, host, leader, events)


def first_words(text):
    return text[0].lower() + text[1:]


def with_article(title):
    """« l'accord de… », « la charte de… », « le protocole de… »."""
    word = title.split()[0].lower()
    if word[0] in VOWELS:
        return "l'" + first_words(title)
    return ("la " if word in {"charte", "convention", "déclaration"} else "le ") + first_words(title)


class Generator:
    """Writes a generated atlas; `run()` returns how long each stage took."""

    def __init__(self, counts, seed, batch_size=2000, jobs=1, progress=None):
        self.counts = counts
        self.seed = seed
        self.batch_size = batch_size
        self.jobs = jobs
        self.progress = progress or (lambda stage, done, total: None)
        self.timings = {}
        self.index_seconds = {"partnerships": 0.0, "articles": 0.0}
        self.index_cpu_seconds = 0.0  # in this process or the workers, for the partnerships
        self.countries = COUNTRIES[: counts.countries]
        self.pool = None

    def rng(self, stage):
        return random.Random(f"{self.seed}:{stage}")

    @property
    def parallel(self):
        """Refresh partnerships in worker processes: PostgreSQL, and only if each batch can commit."""
        return self.jobs > 1 and connection.vendor == "postgresql" and not connection.in_atomic_block

    def run(self):
        """Everything in one transaction; or, with worker processes, one per batch (see `parallel`)."""
        parallel = self.parallel
        with contextlib.ExitStack() as stack:
            if parallel:
                connections.close_all()  # the workers must not inherit this process's connection
                self.pool = stack.enter_context(multiprocessing.get_context("fork").Pool(self.jobs))
                self.pending = []
            else:
                stack.enter_context(transaction.atomic())
            with transaction.atomic():
                for stage in ("reference", "bodies", "people", "events"):
                    self.timed(stage)
            self.timed("partnerships")
            self.timed("articles")
            if parallel:
                self.timed("indexing", self.wait_for_workers)
        return self.timings

    def timed(self, stage, method=None):
        started = time.monotonic()
        (method or getattr(self, f"make_{stage}"))()
        self.timings[stage] = time.monotonic() - started

    def index_partnerships(self, pks):
        if self.pool is None:
            self.count_index_time(refresh_partnerships(pks))
        else:
            self.pending.append(self.pool.apply_async(refresh_partnerships, (pks,)))

    def count_index_time(self, times):
        self.index_seconds["partnerships"] += times[0]
        self.index_cpu_seconds += times[1]

    def wait_for_workers(self):
        total = len(self.pending)
        for done, result in enumerate(self.pending, start=1):
            self.count_index_time(result.get())
            self.progress("search index of partnerships", done, total)

    def bulk(self, model, rows):
        model.objects.bulk_create(rows, batch_size=self.batch_size)
        return rows

    # Countries, domains, themes, tags: rows already there (same code or name) are reused.

    def make_reference(self):
        existing = {c.code: c for c in Country.objects.filter(code__in=[c.code for c in self.countries])}
        new = [
            Country(code=c.code, name_fr=c.name_fr, name_en=c.name_en, slug=f"{PREFIX}{slugify(c.name_fr)}")
            for c in self.countries
            if c.code not in existing
        ]
        self.bulk(Country, new)
        rows = existing | {country.code: country for country in new}
        self.country_rows = {c.code: rows[c.code] for c in self.countries}

        existing = {d.name: d for d in Domain.objects.filter(name__in=[d[0] for d in DOMAINS])}
        new = [
            Domain(name=name, name_en=name_en, slug=f"{PREFIX}{slugify(name)}")
            for name, name_en, *_ in DOMAINS
            if name not in existing
        ]
        self.bulk(Domain, new)
        rows = existing | {domain.name: domain for domain in new}
        self.domains = [rows[d[0]] for d in DOMAINS]
        for domain, (_, _, weight, details, sentences, headlines) in zip(self.domains, DOMAINS, strict=True):
            domain.weight, domain.details, domain.sentences, domain.headlines = (
                weight, details, sentences, headlines
            )  # fmt: skip
        self.domain_cum = list(itertools.accumulate(d.weight for d in self.domains))

        existing = {t.name: t for t in Theme.objects.filter(name__in=[t[0] for t in THEMES])}
        new = [
            Theme(name=name, slug=f"{PREFIX}{slugify(name)}") for name, _ in THEMES if name not in existing
        ]
        self.bulk(Theme, new)
        rows = existing | {theme.name: theme for theme in new}
        self.themes = [rows[name] for name, _ in THEMES]
        self.theme_cum = list(itertools.accumulate(weight for _, weight in THEMES))

        existing = {t.name: t for t in Tag.objects.filter(name__in=TAGS)}
        new = [Tag(name=name, slug=PREFIX + Tag().slugify(name)) for name in TAGS if name not in existing]
        self.bulk(Tag, new)
        rows = existing | {tag.name: tag for tag in new}
        self.tags = [rows[name] for name in TAGS]
        # Popular tags first: a Zipf-like weight by position in TAGS.
        self.tag_cum = list(itertools.accumulate(1 / (rank + 3) for rank in range(len(TAGS))))

    def pick_domains(self, rng, k):
        chosen = []
        while len(chosen) < k:
            domain = self.domains[bisect.bisect_left(self.domain_cum, rng.random() * self.domain_cum[-1])]
            if domain not in chosen:
                chosen.append(domain)
        return chosen

    def pick_tags(self, rng, k, mention):
        chosen = []
        while len(chosen) < k:
            tag = self.tags[bisect.bisect_left(self.tag_cum, rng.random() * self.tag_cum[-1])]
            if tag not in chosen and (mention or "coopér" not in tag.name):
                chosen.append(tag)
        return chosen

    # Bodies: international networks, national associations and ministries, capitals, towns.

    def make_bodies(self):
        rng = self.rng("bodies")
        total = self.counts.bodies
        bodies = []
        names = set()

        def add(kind, name, label, country, coordinates=None, short_name="", of_name="", portfolio=""):
            body = Body(
                name=name,
                short_name=short_name,
                kind=kind,
                country=self.country_rows[country.code] if country else None,
                slug=make_slug("b", len(bodies) + 1, label if kind != Body.Kind.MINISTRY else name),
            )
            if coordinates:
                body.latitude, body.longitude = decimal(coordinates[0]), decimal(coordinates[1])
            body.label, body.data, body.of_name, body.portfolio = label, country, of_name, portfolio
            names.add((country.code if country else "", label))
            bodies.append(body)
            return body

        def town_name(country):
            for _ in range(50):
                name = self.french_place(rng) if country.group == "fr" else self.foreign_place(rng, country)
                if (country.code, name) not in names:
                    return name
            return f"{name} {len(bodies)}"

        def town_coordinates(country):
            if country.code == "FR":
                lat, lon = FRENCH_COORDINATES[rng.choice(list(FRENCH_COORDINATES))]
                lat, lon = lat + rng.gauss(0, 0.35), lon + rng.gauss(0, 0.45)
            else:
                lat, lon = rng.uniform(*country.box[:2]), rng.uniform(*country.box[2:])
            box = country.box
            return min(max(lat, box[0]), box[1]), min(max(lon, box[2]), box[3])

        def town_label(country, name, real):
            if country.code == "FR" or (country.group in FRANCOPHONE_GROUPS and rng.random() < 0.6):
                return f"Ville {de(name)}" if real or rng.random() < 0.5 else f"Commune {de(name)}"
            return name

        france = self.countries[0]
        for name, short_name, of_name in INTERNATIONAL:
            add(Body.Kind.INTERNATIONAL, name, short_name, None, short_name=short_name, of_name=of_name)
        for name, short_name, of_name in FRENCH_ASSOCIATIONS:
            add(
                Body.Kind.ASSOCIATION,
                name,
                short_name or name,
                france,
                short_name=short_name,
                of_name=of_name,
            )
        self.networks = list(bodies)
        for country in self.countries:
            name = f"Ville {de(country.capital)}" if country.code == "FR" else country.capital
            add(Body.Kind.CAPITAL, name,
                country.capital, country, (country.lat, country.lon))  # fmt: skip
        for city in france.cities[: max(3, total // 60)]:
            add(Body.Kind.MUNICIPALITY, f"Ville {de(city)}", city, france, FRENCH_COORDINATES[city])
        for name, city in FRENCH_REGIONS[: total // 150]:
            add(Body.Kind.REGION, name, name, france, FRENCH_COORDINATES.get(city),
                of_name=f"du {name}" if name.startswith("Département") else f"de la {name}")  # fmt: skip
        if total >= 300:
            for name in FRENCH_MINISTRIES:
                add(Body.Kind.MINISTRY, name, name, france, portfolio=name.removeprefix("Ministère "))
        foreign = self.countries[1:]
        by_weight = sorted(foreign, key=lambda c: -c.weight)
        for country in itertools.islice(itertools.cycle(by_weight), total // 120):
            portfolio = rng.choice(MINISTRIES)
            name = f"Ministère {portfolio} {country.of}"
            if (country.code, name) not in names:
                add(Body.Kind.MINISTRY, name, name, country, portfolio=portfolio)
        for country in itertools.islice(itertools.cycle(by_weight), total // 120):
            pattern, initials = rng.choice(ASSOCIATION_PATTERNS)
            name = pattern.format(of=country.of)
            if (country.code, name) not in names:
                add(Body.Kind.ASSOCIATION, name, name, country, short_name=f"{initials}{country.code}",
                    of_name=f"de l'{name}")  # fmt: skip
        self.networks += [b for b in bodies if b.kind == Body.Kind.ASSOCIATION and b not in self.networks]
        self.ministries = [b for b in bodies if b.kind == Body.Kind.MINISTRY]

        remaining = max(0, total - len(bodies))
        french_towns = round(remaining * 0.58)
        for city in france.cities[max(3, total // 60) :][:french_towns]:
            add(Body.Kind.MUNICIPALITY, f"Ville {de(city)}", city, france, FRENCH_COORDINATES[city])
            french_towns -= 1
        for _ in range(french_towns):
            name = town_name(france)
            add(
                Body.Kind.MUNICIPALITY,
                town_label(france, name, False),
                name,
                france,
                town_coordinates(france),
            )
        foreign_towns = total - len(bodies)
        weights = sum(c.weight for c in foreign)
        quotas = {c.code: math.floor(foreign_towns * c.weight / weights) for c in foreign}
        for country in by_weight[: foreign_towns - sum(quotas.values())]:
            quotas[country.code] += 1
        for country in foreign:
            real = list(country.cities)
            for _ in range(quotas[country.code]):
                name = real.pop(0) if real else None
                label = (
                    town_label(country, name, True)
                    if name
                    else town_label(country, town_name(country), False)
                )
                name = name or label.removeprefix("Ville ").removeprefix("Commune ")
                add(Body.Kind.MUNICIPALITY, label, name, country, town_coordinates(country))
        self.bulk(Body, bodies)
        self.bodies = bodies
        self.make_pools(rng)
        self.progress("bodies", len(bodies), len(bodies))

    def french_place(self, rng):
        r = rng.random()
        if r < 0.28:
            base = f"Saint-{rng.choice(SAINTS)}" if rng.random() < 0.75 else f"Sainte-{rng.choice(SAINTES)}"
        elif r < 0.8:
            root, ending = rng.choice(ROOTS), rng.choice(ENDINGS)
            base = root + ending if root[-1].lower() != ending[0] else root + ending[1:]
        else:
            return rng.choice(ARTICLED) + rng.choice(SUFFIXES)
        return base + rng.choice(SUFFIXES) if rng.random() < 0.4 else base

    def foreign_place(self, rng, country):
        firsts, seconds, joiner = SYLLABLES[country.group] if country.group in SYLLABLES else SYLLABLES["wa"]
        first, second = rng.choice(firsts), rng.choice(seconds)
        while second == first:
            second = rng.choice(seconds)
        return first + joiner + second

    def make_pools(self, rng):
        """Who takes part: most draws on a few bodies, as in real atlases."""
        french, foreign = [], []
        for body in self.bodies:
            if body.kind in (Body.Kind.MUNICIPALITY, Body.Kind.CAPITAL, Body.Kind.REGION):
                (french if body.data.code == "FR" else foreign).append(body)
        real_french = set(FRENCH_COORDINATES)

        def french_weight(body):
            base = 0.3 if body.kind == Body.Kind.REGION else 4 if body.label in real_french else 1
            return base * tail(rng)

        self.french_pool = WeightedPool(french, [french_weight(b) for b in french], POPULAR_FRENCH)
        weights = []
        for body in foreign:
            raw = (6 if body.kind == Body.Kind.CAPITAL else 1) * tail(rng)
            weights.append(raw)
        totals = {}
        for body, weight in zip(foreign, weights, strict=True):
            totals[body.data.code] = totals.get(body.data.code, 0) + weight
        weights = [w * b.data.weight / totals[b.data.code] for b, w in zip(foreign, weights, strict=True)]
        self.foreign_pool = WeightedPool(foreign, weights, POPULAR_FOREIGN)
        self.network_pool = WeightedPool(
            self.networks, [4 if b.short_name in ("AIMF", "CUF", "CGLU") else 1 for b in self.networks]
        )
        others = self.ministries + [b for b in self.networks if b.data and b.data.code != "FR"]
        self.institution_pool = WeightedPool(others, [1] * len(others))

    # People: the successive heads of each body, and one deputy each.

    def make_people(self):
        rng = self.rng("people")
        people, offices = [], []

        def person(group):
            masculine, feminine, families, family_first = NAMES[group]
            female = rng.random() < 0.35
            first, family = rng.choice(feminine if female else masculine), rng.choice(families)
            name = f"{family} {first}" if family_first else f"{first} {family}"
            row = Person(
                honorific="Mme" if female else "M.", name=name, slug=make_slug("h", len(people) + 1, name)
            )
            row.female = female
            people.append(row)
            return row

        def office(row, body, title, start=None, end=None):
            item = Office(person=row, body=body, title=title, start_on=start, end_on=end)
            offices.append(item)
            return item

        for body in self.bodies:
            group = body.data.group if body.data else rng.choice(("fr", "fr", "wa", "ar"))
            changes = self.changes(rng, body)
            body.starts, body.holders = [datetime.date.min], []
            start, current = None, person(group)
            for day in changes:
                if rng.random() < 0.5:
                    end = day - datetime.timedelta(days=1)
                    body.holders.append(
                        office(current, body, self.head_title(body, current.female), start, end)
                    )
                    body.starts.append(day)
                    start, current = day, person(group)
            body.holders.append(office(current, body, self.head_title(body, current.female), start, None))
            deputy = person(group)
            body.deputy = office(deputy, body, self.deputy_title(body, deputy.female))
        self.bulk(Person, people)
        self.bulk(Office, offices)  # bulk_create takes each person's new key, keeping the cached row
        self.progress("people", len(people), len(people))

    def changes(self, rng, body):
        if body.kind in (Body.Kind.MUNICIPALITY, Body.Kind.CAPITAL) and body.data.code == "FR":
            return FRENCH_ELECTIONS
        if body.kind == Body.Kind.MINISTRY:
            years, year = [], 1978 + rng.randrange(4)
            while year <= AS_OF.year:
                years.append(year)
                year += rng.randint(2, 5)
        else:
            term = TERM_YEARS.get(body.data.code if body.data else "", 5)
            years = range(1978 + rng.randrange(term), AS_OF.year + 1, term)
        days = [datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)) for year in years]
        return [day for day in days if day <= AS_OF]

    def head_title(self, body, female):
        kind = body.kind
        if kind in (Body.Kind.MUNICIPALITY, Body.Kind.CAPITAL):
            return f"{body.data.mayor[female]} {de(body.label)}"
        if kind == Body.Kind.MINISTRY:
            return f"Ministre {body.portfolio}"
        return f"{'Présidente' if female else 'Président'} {body.of_name}"

    def deputy_title(self, body, female):
        e = "e" if female else ""
        kind, code = body.kind, body.data.code if body.data else ""
        if kind in (Body.Kind.MUNICIPALITY, Body.Kind.CAPITAL):
            if code == "FR":
                return f"Adjoint{e} au maire chargé{e} des relations internationales"
            if code == "BE":
                return f"Échevin{e} des relations internationales"
            if body.data.mayor == PEOPLES_COMMITTEE:
                return f"Vice-président{e} du Comité populaire {de(body.label)}"
            return f"{'Conseillère municipale déléguée' if female else 'Conseiller municipal délégué'}" + (
                " aux relations internationales"
            )
        if kind == Body.Kind.REGION:
            return f"Vice-président{e} chargé{e} des relations internationales"
        if kind == Body.Kind.MINISTRY:
            return f"Secrétaire général{e} du ministère"
        if kind == Body.Kind.INTERNATIONAL:
            return f"Secrétaire permanent{e}"
        return f"Délégué{e} général{e}"

    @staticmethod
    def holder(body, day):
        return body.holders[bisect.bisect_right(body.starts, day) - 1]

    # Events: congresses, forums and assemblies, each held in a capital or a large town.

    def make_events(self):
        rng = self.rng("events")
        by_short = {b.short_name: b for b in self.networks if b.short_name}
        capitals = {b.data.code: b for b in self.bodies if b.kind == Body.Kind.CAPITAL}
        towns = {}
        for body in self.bodies:
            if (
                body.kind == Body.Kind.MUNICIPALITY
                and body.data.code == "FR"
                and body.label in FRENCH_COORDINATES
            ):
                towns.setdefault("FR", []).append(body)
        events = []
        for index in range(self.counts.events):
            name, kind, organiser, where = rng.choice(EVENTS)
            codes = [code for code in (where or [c.code for c in self.countries[1:]]) if code in capitals]
            code = rng.choice(codes or list(capitals))
            place = capitals[code]
            if code == "FR" and towns.get("FR") and rng.random() < 0.6:
                place = rng.choice(towns["FR"])
            if "{country}" in name:
                name = name.format(country=place.data.name_fr)
            year = 1995 + int(31 * rng.betavariate(1.6, 1))
            start = random_day(rng, datetime.date(year, 1, 1), min(datetime.date(year, 12, 28), AS_OF))
            event = Event(
                name=name,
                kind=kind,
                place=place,
                organiser=by_short.get(organiser),
                start_on=start,
                end_on=start + datetime.timedelta(days=rng.randint(0, 3)),
                slug=make_slug("e", index + 1, f"{name} {year}"),
                description=paragraphs_from_plain_text(f"{name} {at(place.label)}, {year}."),
            )
            events.append(event)
        self.bulk(Event, events)
        self.events_by_year = {}
        for event in events:
            self.events_by_year.setdefault(event.start_on.year, []).append(event)
        self.progress("events", len(events), len(events))

    # Partnerships with their parties, agreements, signatories, domains, tags and delegations.

    def make_partnerships(self):
        rng = self.rng("partnerships")
        n = self.counts.partnerships
        mention = exact_flags(rng, n, COMMON_SHARE)
        extras = sentence_rows(rng, n)
        self.facts = []
        self.delegation_count = 0
        pairs = set()
        for start in range(0, n, self.batch_size):
            plans = [
                self.plan_partnership(rng, i, bool(mention[i]), extras.get(i, ()), pairs)
                for i in range(start, min(n, start + self.batch_size))
            ]
            with transaction.atomic():
                self.write_partnerships(plans)
            self.index_partnerships([plan["partnership"].pk for plan in plans])
            self.progress("partnerships", start + len(plans), n)

    def pick_parties(self, rng, pairs):
        """Usually a French body and a foreign one; sometimes two foreign ones (« sud-sud »), or a
        French body and a ministry or national association; rarely the same pair twice."""
        r = rng.random()
        if r < 0.87 or not self.institution_pool:
            first, pool = self.french_pool.pick(rng), self.foreign_pool
        elif r < 0.93:
            first, pool = self.foreign_pool.pick(rng), self.foreign_pool
        else:
            first, pool = self.french_pool.pick(rng), self.institution_pool
        # Only the second side is drawn again, so that the first keeps its share of the draws.
        for _ in range(8):
            second = pool.pick(rng)
            if second.data.code != first.data.code and (first.pk, second.pk) not in pairs:
                break
        while second is first:
            second = self.foreign_pool.pick(rng)
        pairs.add((first.pk, second.pk))
        parties = [first, second]
        if rng.random() < 0.08:
            third = self.network_pool.pick(rng) if rng.random() < 0.7 else self.french_pool.pick(rng)
            if third not in parties:
                parties.append(third)
        return parties

    def plan_partnership(self, rng, index, mention, extras, pairs):
        parties = self.pick_parties(rng, pairs)
        labels = [b.label for b in parties]
        # Overall about 45 % cooperation, 32 % twinning, 11 % friendship, 12 % informal; the kind
        # « accord de coopération » is in the search texts, so not for rows without the word.
        K = Partnership.Kind
        if mention:
            kind = rng.choices((K.COOPERATION, K.TWINNING, K.FRIENDSHIP, K.INFORMAL), (56, 25, 9, 10))[0]
        else:
            kind = rng.choices((K.TWINNING, K.FRIENDSHIP, K.INFORMAL), (60, 20, 20))[0]
        if kind == Partnership.Kind.TWINNING:
            year = 1960 + int(65 * rng.betavariate(1.6, 1.4))
        else:
            year = 1990 + int(35 * rng.betavariate(2, 1.3))
        year = min(year, AS_OF.year - 1)
        domains = self.pick_domains(rng, rng.choices((1, 2, 3), (30, 45, 25))[0])
        a, b = labels[0], labels[1]
        values = places(a, b) | {
            "year": year,
            "ca": parties[0].data.name_fr if parties[0].data else "réseau international",
            "cb": parties[1].data.name_fr if parties[1].data else "réseau international",
        }
        if kind == Partnership.Kind.TWINNING and rng.random() < 0.6:
            opener = rng.choice(TWINNING_OPENERS)
            if mention:
                opener += (
                    " La coopération entre les deux villes s'est ensuite étendue à de nouveaux domaines."
                )
        else:
            opener = rng.choice(PARTNERSHIP_OPENERS[mention])
        sentences = [opener.format(**values)]
        for domain in domains[: rng.randint(1, 2)]:
            sentences.append(rng.choice(domain.sentences).format(**values))
        sentences += extras
        sentences.append(rng.choice(CLOSINGS[mention]).format(**values))
        partnership = Partnership(
            name=" – ".join(labels),
            slug=make_slug("p", index + 1, "-".join(labels)),
            kind=kind,
            started_on=datetime.date(year, 1, 1),
            started_precision=Precision.YEAR,
            status=rng.choices(list(Partnership.Status), (70, 20, 10))[0],
            summary=paragraphs_from_plain_text(" ".join(s for s in sentences if s)),
        )
        plan = {"partnership": partnership, "parties": parties, "domains": domains, "mention": mention}
        plan["own_domains"] = domains if rng.random() < 0.7 else []
        plan["tags"] = self.pick_tags(rng, rng.randint(1, 3), mention) if rng.random() < 0.4 else []
        plan["agreements"] = self.plan_agreements(rng, index, plan, year)
        plan["delegations"] = self.plan_delegations(rng, plan, year) if rng.random() < 0.2 else []
        return plan

    def agreement_kind(self, rng, kind, mention, level):
        K = Agreement.Kind
        if kind == Partnership.Kind.TWINNING:
            if level and mention and rng.random() < 0.5:
                return rng.choice((K.PROTOCOL, K.COOPERATION_AGREEMENT))
            return K.TWINNING_CHARTER if level == 0 or rng.random() < 0.5 else K.MEMORANDUM
        if kind == Partnership.Kind.COOPERATION:
            return rng.choices((K.COOPERATION_AGREEMENT, K.PROTOCOL, K.MEMORANDUM), (40, 40, 20))[0]
        if kind == Partnership.Kind.FRIENDSHIP:
            return K.ENTENTE if rng.random() < 0.7 else K.OTHER
        return K.MEMORANDUM if rng.random() < 0.5 else K.OTHER

    def agreement_title(self, rng, kind, level, names, valid_from, valid_until):
        K = Agreement.Kind
        period = f" {valid_from.year}-{valid_until.year}" if valid_from and valid_until else ""
        between = f"entre {names}"
        if kind == K.COOPERATION_AGREEMENT:
            if level:
                return f"Nouvel accord de coopération{period} {between}"
            return f"Accord de coopération décentralisée {between}"
        if kind == K.PROTOCOL:
            return f"Protocole de coopération{period} {between}"
        if kind == K.TWINNING_CHARTER:
            return (
                f"Renouvellement de la charte de jumelage {between}"
                if level
                else f"Charte de jumelage {between}"
            )
        if kind == K.ENTENTE:
            return f"Entente d'amitié {between}"
        if kind == K.MEMORANDUM:
            return f"Mémorandum d'entente{period} {between}"
        return rng.choice(
            (f"Convention de partenariat{period} {between}", f"Déclaration d'intention {between}")
        )

    def plan_agreements(self, rng, index, plan, year):
        parties, mention = plan["parties"], plan["mention"]
        names = and_list([b.label for b in parties])
        towns = [b for b in parties if b.kind in (Body.Kind.MUNICIPALITY, Body.Kind.CAPITAL)] or parties
        agreements = []
        previous = None
        while True:
            level = len(agreements)
            kind = self.agreement_kind(rng, plan["partnership"].kind, mention, level)
            event = None
            if rng.random() < 0.12 and self.events_by_year.get(year):
                event = rng.choice(self.events_by_year[year])
                signed, precision, signed_at = event.start_on, Precision.DAY, event.place
            else:
                precision = rng.choices((Precision.DAY, Precision.MONTH, Precision.YEAR), (65, 15, 20))[0]
                signed = random_day(rng, datetime.date(year, 1, 1), min(datetime.date(year, 12, 31), AS_OF))
                signed = signed.replace(day=1) if precision == Precision.MONTH else signed
                signed = signed.replace(month=1, day=1) if precision == Precision.YEAR else signed
                signed_at = rng.choice(towns) if rng.random() < 0.8 else None
            r = rng.random()
            valid_from = valid_until = None
            if r < 0.75:
                start = year + (1 if rng.random() < 0.2 else 0)
                valid_from = datetime.date(start, 1, 1)
                valid_until = datetime.date(start + rng.choice((3, 4, 5, 5, 6, 6, 10)) - 1, 12, 31)
            elif r < 0.9:
                valid_from = datetime.date(year, 1, 1)
            domains = plan["domains"][:]
            rng.shuffle(domains)
            domains = domains[: rng.randint(1, len(domains))]
            when = french_date(signed, precision)
            listed = and_list([first_words(d.name) for d in domains])
            title = self.agreement_title(rng, kind, level, names, valid_from, valid_until)
            if mention:
                summary = (
                    f"Texte signé {when} par {names} pour développer leur coopération, en priorité dans les"
                    f" domaines suivants : {listed}."
                )
            else:
                summary = (
                    f"Texte signé {when} par {names}, qui fixe les priorités de leurs échanges : {listed}."
                )
            if previous and level:
                summary += " Il prend la suite du texte précédent."
            agreement = Agreement(
                kind=kind,
                title=title,
                slug=make_slug("a", f"{index + 1}-{level + 1}", title.removeprefix("Accord de ")),
                signed_on=signed,
                signed_precision=precision,
                signed_at=signed_at,
                event=event,
                valid_from=valid_from,
                valid_from_precision=Precision.YEAR,
                valid_until=valid_until,
                valid_until_precision=Precision.YEAR,
                summary=paragraphs_from_plain_text(summary),
                basis=rng.choice(POLICY_BASES).format(**places(parties[0].label, parties[1].label))
                if rng.random() < 0.6
                else "",
                aims="\n".join(rng.sample(AIMS, rng.randint(2, 4))) if rng.random() < 0.7 else "",
            )
            links = [
                (domain, position, rng.choice(domain.details) if rng.random() < 0.35 else "")
                for position, domain in enumerate(domains, start=1)
            ]
            signatories = []
            if rng.random() < 0.9:
                for body in parties:
                    signatories.append((self.holder(body, signed), body))
            renews = previous if previous is not None and rng.random() < 0.8 else None
            agreements.append(
                {"row": agreement, "links": links, "signatories": signatories, "renews": renews}
            )
            previous = agreement
            if len(agreements) == 4:
                break
            if valid_until:
                year, keep_going = valid_until.year + rng.choice((0, 0, 1, 2)), 0.72
            else:
                year, keep_going = year + rng.randint(4, 12), 0.35
            if year > AS_OF.year or rng.random() > keep_going:
                break
        return agreements

    def plan_delegations(self, rng, plan, year):
        towns = [b for b in plan["parties"] if b.kind != Body.Kind.INTERNATIONAL]
        if len(towns) < 2:
            return []
        delegations = []
        first_day = datetime.date(max(year, 1995), 1, 1)
        last_day = AS_OF - datetime.timedelta(days=10)
        for _ in range(rng.choices((1, 2, 3), (70, 22, 8))[0]):
            sender, host = rng.sample(towns, 2)
            events = []
            year_events = self.events_by_year.get(rng.randint(first_day.year, last_day.year), [])
            if year_events and rng.random() < 0.1:
                events = [rng.choice(year_events)]
                start = max(events[0].start_on - datetime.timedelta(days=rng.randint(0, 2)), first_day)
            else:
                start = random_day(rng, first_day, last_day)
            end = start + datetime.timedelta(days=rng.randint(0, 5))
            leader = self.holder(sender, start)
            kind = rng.choices(list(Delegation.Kind), (40, 25, 25, 10))[0]
            s, h = sender.label, host.label
            domain = rng.choice(plan["domains"])
            title = {
                Delegation.Kind.WORKING_VISIT: f"Visite de travail de la délégation {de(s)} {at(h)}",
                Delegation.Kind.OFFICIAL_VISIT: f"Visite officielle de {leader.person.name} {at(h)}",
                Delegation.Kind.MISSION: f"Mission {de(s)} {at(h)} : {first_words(domain.name)}",
                Delegation.Kind.STUDY_TOUR: f"Voyage d'étude des élus {de(s)} {at(h)}",
            }[kind]
            invited = self.holder(host, start).person if rng.random() < 0.4 else None
            delegation = Delegation(
                title=title,
                kind=kind,
                sending_body=sender,
                host_body=host,
                leader=leader.person,
                leader_office=leader,
                invited_by=invited,
                start_on=start,
                end_on=end,
                purpose=paragraphs_from_plain_text(
                    f"Faire le point sur les projets en cours ({first_words(domain.name)}) et préparer les"
                    f" prochaines étapes de la coopération entre {s} et {h}."
                ),
                outcome=paragraphs_from_plain_text(
                    rng.choice(
                        (
                            "",
                            "Les deux parties ont convenu d'un programme d'actions pour les"
                            " prochaines années.",
                            f"{h} accueillera une délégation {de(s)} l'an prochain.",
                        )
                    )
                ),
            )
            members = []
            if rng.random() < 0.8:
                members.append((sender.deputy.person, sender.deputy, None))
            # A list, not a set: a set of rows iterates in an order that depends on their keys.
            networks = [self.network_pool.pick(rng) for _ in range(rng.randint(0, 2))]
            for network in dict.fromkeys(n for n in networks if n not in (sender, host)):
                members.append((None, None, network))
            if not members:
                members.append((sender.deputy.person, sender.deputy, None))
            head = self.holder(host, start)
            meetings = [(Meeting.Kind.COURTESY_VISIT, head.person, [head], None)]
            if rng.random() < 0.5:
                meetings.append((Meeting.Kind.WORKING_SESSION, host.deputy.person, [host.deputy], None))
            if rng.random() < 0.3 and self.institution_pool:
                meetings.append((Meeting.Kind.MEETING, None, [], self.institution_pool.pick(rng)))
            meetings = [(*meeting, rng.choice(MEETING_SUMMARIES)) for meeting in meetings]
            delegations.append(
                {
                    "row": delegation,
                    "events": events,
                    "members": members,
                    "meetings": meetings,
                    "domain": domain,
                }
            )
        return delegations

    def write_partnerships(self, plans):
        self.bulk(Partnership, [plan["partnership"] for plan in plans])
        parties, own_domains, tagged = [], [], []
        through = Partnership.domains.through
        for plan in plans:
            pk = plan["partnership"].pk
            parties += [Party(partnership_id=pk, body_id=body.pk) for body in plan["parties"]]
            own_domains += [through(partnership_id=pk, domain_id=d.pk) for d in plan["own_domains"]]
            tagged += [TaggedPartnership(content_object_id=pk, tag_id=tag.pk) for tag in plan["tags"]]
        self.bulk(Party, parties)
        self.bulk(through, own_domains)
        self.bulk(TaggedPartnership, tagged)

        # Agreements level by level, so that each renewed agreement has its key before its renewal.
        for level in range(4):
            rows = []
            for plan in plans:
                if len(plan["agreements"]) > level:
                    item = plan["agreements"][level]
                    row = item["row"]
                    row.partnership_id = plan["partnership"].pk
                    row.renews = item["renews"]
                    rows.append(row)
            self.bulk(Agreement, rows)
        links, signatories = [], []
        for plan in plans:
            for item in plan["agreements"]:
                agreement = item["row"]
                links += [
                    AgreementDomain(
                        agreement_id=agreement.pk, domain_id=domain.pk, position=position, detail=detail
                    )
                    for domain, position, detail in item["links"]
                ]
                signatories += [
                    Signatory(agreement_id=agreement.pk, person_id=office.person.pk, office_id=office.pk,
                              on_behalf_of_id=body.pk, position=position)
                    for position, (office, body) in enumerate(item["signatories"], start=1)
                ]  # fmt: skip
        self.bulk(AgreementDomain, links)
        self.bulk(Signatory, signatories)

        delegations = []
        for plan in plans:
            for item in plan["delegations"]:
                item["row"].partnership_id = plan["partnership"].pk
                delegations.append(item)
        for item in delegations:
            self.delegation_count += 1
            item["row"].slug = make_slug("d", self.delegation_count, item["row"].title)
        self.bulk(Delegation, [item["row"] for item in delegations])
        delegation_events, members, meetings, meeting_offices = [], [], [], []
        for item in delegations:
            pk = item["row"].pk
            delegation_events += [
                Delegation.events.through(delegation_id=pk, event_id=e.pk) for e in item["events"]
            ]
            members += [
                DelegationMember(delegation_id=pk, position=position, person=person, office=office, body=body)
                for position, (person, office, body) in enumerate(item["members"], start=1)
            ]
            for position, (kind, person, offices, body, summary) in enumerate(item["meetings"], start=1):
                meeting = Meeting(delegation_id=pk, position=position, kind=kind, person=person, body=body,
                                  date=item["row"].start_on, summary=summary)  # fmt: skip
                meeting.planned_offices = offices
                meetings.append(meeting)
        self.bulk(Delegation.events.through, delegation_events)
        self.bulk(DelegationMember, members)
        self.bulk(Meeting, meetings)
        for meeting in meetings:
            meeting_offices += [
                Meeting.offices.through(meeting_id=meeting.pk, office_id=office.pk)
                for office in meeting.planned_offices
            ]
        self.bulk(Meeting.offices.through, meeting_offices)

        for plan in plans:
            facts = PartnershipFacts(
                pk=plan["partnership"].pk,
                started=plan["partnership"].started_on.year,
                bodies=plan["parties"],
                domains=plan["domains"],
                tags=plan["tags"],
            )
            for item in plan["agreements"]:
                row = item["row"]
                people = [
                    (office.person.pk, office.person.name, office.title) for office, _ in item["signatories"]
                ]
                facts.agreements.append(
                    (row.pk, row.signed_on, row.signed_precision, row.title, people, row.event_id)
                )
            for item in plan["delegations"]:
                row = item["row"]
                leader = (row.leader.pk, row.leader.name, row.leader_office.title)
                events = [event.pk for event in item["events"]]
                facts.delegations.append(
                    (row.pk, row.start_on, row.end_on, row.sending_body, row.host_body, leader, events)
                )
            self.facts.append(facts)

    # Articles: news over 15 years, many of them about a few very popular partnerships.

    def make_articles(self):
        rng = self.rng("articles")
        n = self.counts.articles
        mention = exact_flags(rng, n, COMMON_SHARE)
        extras = sentence_rows(rng, n)
        self.window = (AS_OF.replace(year=AS_OF.year - ARTICLE_YEARS) + datetime.timedelta(days=1), AS_OF)
        facts = self.facts
        popular = rng.sample(facts, max(1, round(len(facts) * 0.02))) if facts else []
        popular_cum = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(popular))))
        self.body_by_country = {}
        for body in self.bodies:
            if body.kind in (Body.Kind.MUNICIPALITY, Body.Kind.CAPITAL) and body.data.code != "FR":
                self.body_by_country.setdefault(body.data.code, []).append(body)
        for start in range(0, n, self.batch_size):
            plans = []
            for j in range(start, min(n, start + self.batch_size)):
                r = rng.random()
                if facts and r < 0.3:
                    about = popular[bisect.bisect_left(popular_cum, rng.random() * popular_cum[-1])]
                elif facts and r < 0.95:
                    about = rng.choice(facts)
                else:
                    about = None
                plans.append(self.plan_article(rng, j, bool(mention[j]), extras.get(j, ()), about))
            with transaction.atomic():
                self.write_articles(plans)
            self.progress("articles", start + len(plans), n)

    def in_window(self, day):
        return day is not None and self.window[0] <= day <= self.window[1]

    def plan_article(self, rng, index, mention, extras, about):
        links = {
            "partnerships": [],
            "bodies": [],
            "agreements": [],
            "delegations": [],
            "people": [],
            "events": [],
        }
        if about is None:
            text, day, domains = self.general_article(rng, mention, links)
        else:
            links["partnerships"].append(about.pk)
            links["bodies"] += [b.pk for b in about.bodies]
            signings = [a for a in about.agreements if self.in_window(a[1])]
            visits = [d for d in about.delegations if self.in_window(d[2])]
            kinds = {"project": 45, "signing": 30 if signings else 0, "visit": 35 if visits else 0}
            kind = rng.choices(list(kinds), list(kinds.values()))[0]
            if kind == "signing":
                text, day = self.signing_article(rng, mention, about, rng.choice(signings), links)
            elif kind == "visit":
                text, day = self.visit_article(rng, mention, about, rng.choice(visits), links)
            else:
                text, day = self.project_article(rng, mention, about, links)
            domains = about.domains[: rng.randint(1, 2)] if rng.random() < 0.8 else []
        title, standfirst, paragraphs = text
        paragraphs = list(paragraphs)
        for sentence in extras:
            position = rng.choice([i for i, p in enumerate(paragraphs) if p.startswith("<p>")])
            paragraphs[position] = paragraphs[position].replace("</p>", f" {sentence}</p>", 1)
        precision = Precision.MONTH if rng.random() < 0.04 else Precision.DAY
        if precision == Precision.MONTH:
            day = day.replace(day=1)
        article = Article(
            title=title,
            slug=make_slug("n", index + 1, title, max_length=250),
            standfirst=standfirst,
            text="\n".join(paragraphs),
            published_on=day,
            date_precision=precision,
            publication=Publication.PUBLISHED,
        )
        themes = [self.themes[bisect.bisect_left(self.theme_cum, rng.random() * self.theme_cum[-1])]]
        if rng.random() < 0.2:
            other = self.themes[bisect.bisect_left(self.theme_cum, rng.random() * self.theme_cum[-1])]
            themes += [other] if other not in themes else []
        tags = []
        if rng.random() < 0.6:
            tags = (about.tags if about else [])[: rng.randint(0, 2)]
            tags += [t for t in self.pick_tags(rng, rng.randint(1, 2), mention) if t not in tags]
        if about is not None and rng.random() < 0.08:
            other = rng.choice(self.facts)
            if other is not about:
                links["partnerships"].append(other.pk)
        links["domains"] = [d.pk for d in domains]
        links["themes"] = [t.pk for t in themes]
        return {"row": article, "links": links, "tags": tags}

    def window_day(self, rng, not_before=None):
        first = max(self.window[0], not_before or self.window[0])
        return random_day(rng, min(first, self.window[1]), self.window[1])

    def paragraph(self, *sentences):
        return "<p>" + " ".join(s for s in sentences if s) + "</p>"

    def closing(self, rng, mention, person, other, a, b):
        quote = rng.choice(QUOTES[mention]).format(person=person, other=other) if person else ""
        extra = rng.choice(MENTION_SENTENCES if mention else NEUTRAL_SENTENCES).format(**places(a, b))
        return self.paragraph(quote, extra) if rng.random() < 0.5 else self.paragraph(extra, quote)

    def signing_article(self, rng, mention, about, agreement, links):
        pk, signed, precision, title, people, event = agreement
        a, b = about.bodies[0].label, about.bodies[1].label
        links["agreements"].append(pk)
        links["people"] += [person for person, _, _ in people]
        if event:
            links["events"].append(event)
        named = with_article(title) if mention or COMMON_WORD not in title else "un nouveau texte"
        headline = rng.choice(SIGNING_TITLES[mention]).format(a=a, b=b, agreement=named.split(" entre ")[0])
        signers = [f"{name}, {first_words(office)}" for _, name, office in people]
        # « X, maire de A, et Y, maire de B, ont signé »
        who = (
            ", ".join(signers[:-1]) + f", et {signers[-1]},"
            if signers
            else f"les représentants {de(a)} et {de(b)}"
        )
        standfirst = f"{french_date(signed, precision).capitalize()}, {who} ont signé {named}."
        domains = about.domains
        items = "\n".join(f"<li>{domain.name}</li>" for domain in domains)
        lead = "Le texte prévoit de développer la coopération" if mention else "Le texte fixe les priorités"
        paragraphs = [
            self.paragraph(f"{lead} entre les deux collectivités dans les domaines suivants :"),
            f"<ul>\n{items}\n</ul>",
            self.paragraph(*(rng.choice(d.sentences).format(**places(a, b)) for d in domains[:2])),
            self.closing(rng, mention, people[0][1] if people else "", b, a, b),
        ]
        day = min(signed + datetime.timedelta(days=rng.randint(0, 12)), AS_OF)
        return (headline, standfirst, paragraphs), day

    def visit_article(self, rng, mention, about, visit, links):
        pk, start, end, sender, host, leader, events = visit
        links["delegations"].append(pk)
        links["people"].append(leader[0])
        links["events"] += events
        s, h = sender.label, host.label
        values = {"of_s": de(s), "at_h": at(h), "leader": leader[1]}
        headline = rng.choice(VISIT_TITLES).format(**values)
        dates = f"Du {start.day} au {end.day} {MONTHS[end.month - 1]} {end.year}"
        if (start.month, start.year) != (end.month, end.year):
            dates = (
                f"Du {start.day} {MONTHS[start.month - 1]} au {end.day} {MONTHS[end.month - 1]} {end.year}"
            )
        if start == end:
            dates = french_date(start).capitalize()
        country = f" ({host.data.name_fr})" if host.data else ""
        standfirst = (
            f"{dates}, une délégation conduite par {leader[1]}, {first_words(leader[2])}, s'est"
            f" rendue {at(h)}{country}."
        )
        domain = rng.choice(about.domains)
        purpose = (
            f"La visite avait pour objet de faire le point sur la coopération entre {s} et {h}, notamment en"
            f" matière {de(first_words(domain.name))}."
            if mention
            else f"La visite avait pour objet de faire le point sur les projets communs, notamment en matière"
            f" {de(first_words(domain.name))}."
        )
        paragraphs = [
            self.paragraph(purpose, rng.choice(domain.sentences).format(**places(s, h))),
            self.paragraph(
                f"Les membres de la délégation conduite par <strong>{leader[1]}</strong> ont été reçus"
                f" par les élus {de(h)}.",
                rng.choice(MEETING_SUMMARIES),
            ),
            self.closing(rng, mention, leader[1], h, s, h),
        ]
        day = min(end + datetime.timedelta(days=rng.randint(0, 6)), AS_OF)
        return (headline, standfirst, paragraphs), day

    def project_article(self, rng, mention, about, links):
        a, b = about.bodies[0].label, about.bodies[1].label
        domain = rng.choice(about.domains)
        headline = rng.choice(domain.headlines).format(**places(a, b))
        headline = headline[0].upper() + headline[1:]
        sentences = rng.sample(domain.sentences, 2)
        standfirst = sentences[0].format(**places(a, b))
        paragraphs = [
            self.paragraph(sentences[1].format(**places(a, b)), rng.choice(NEUTRAL_SENTENCES)),
            self.closing(rng, mention, "", b, a, b),
        ]
        if rng.random() < 0.5:
            other = rng.choice(self.domains)
            paragraphs.insert(1, self.paragraph(rng.choice(other.sentences).format(**places(a, b))))
        if about.agreements and rng.random() < 0.15:
            links["agreements"].append(about.agreements[-1][0])
        return (headline, standfirst, paragraphs), self.window_day(rng, datetime.date(about.started, 1, 1))

    def general_article(self, rng, mention, links):
        domain = self.pick_domains(rng, 1)[0]
        country = rng.choice(self.countries[1:])
        towns = self.body_by_country.get(country.code) or [
            b for b in self.bodies if b.data and b.data.code != "FR"
        ]
        chosen = rng.sample(towns, min(len(towns), rng.randint(1, 3)))
        links["bodies"] += [b.pk for b in chosen]
        headline = f"{domain.name} : les collectivités françaises mobilisées {country.in_}"
        standfirst = (
            f"Plusieurs collectivités françaises soutiennent des projets {country.in_} en matière"
            f" {de(first_words(domain.name))}."
        )
        lead = (
            f"La coopération décentralisée avec {and_list([b.label for b in chosen])} en donne des exemples."
            if mention
            else f"Les échanges avec {and_list([b.label for b in chosen])} en donnent des exemples."
        )
        paragraphs = [
            self.paragraph(
                lead, rng.choice(domain.sentences).format(**places("leurs partenaires", chosen[0].label))
            ),
            self.paragraph(rng.choice(NEUTRAL_SENTENCES)),
        ]
        return (headline, standfirst, paragraphs), self.window_day(rng), [domain]

    def write_articles(self, plans):
        self.bulk(Article, [plan["row"] for plan in plans])
        through = {}
        for name in ARTICLE_LINKS:
            relation = getattr(Article, name)
            through[name] = (relation.through, f"{relation.field.related_model._meta.model_name}_id")
        rows = {name: [] for name in through}
        tagged = []
        for plan in plans:
            pk = plan["row"].pk
            for name, (model, column) in through.items():
                rows[name] += [
                    model(article_id=pk, **{column: value}) for value in dict.fromkeys(plan["links"][name])
                ]
            tagged += [TaggedArticle(content_object_id=pk, tag_id=tag.pk) for tag in plan["tags"]]
        for name, (model, _) in through.items():
            self.bulk(model, rows[name])
        self.bulk(TaggedArticle, tagged)
        started = time.monotonic()
        article_indexing.refresh(Article.objects.filter(pk__in=[plan["row"].pk for plan in plans]))
        self.index_seconds["articles"] += time.monotonic() - started


def refresh_partnerships(pks):
    """Fill the search columns (and whatever else the site derives) of a batch.

    Runs inline or in a worker process (its own connection), one transaction per batch. Returns
    the seconds it took and the CPU seconds of this process (PostgreSQL's own work not included).
    """
    started, cpu = time.monotonic(), time.process_time()
    with transaction.atomic():
        indexing.refresh(Partnership.objects.filter(pk__in=pks))
    return time.monotonic() - started, time.process_time() - cpu


ARTICLE_LINKS = (
    "partnerships",
    "bodies",
    "agreements",
    "delegations",
    "people",
    "events",
    "domains",
    "themes",
)
# The tables whose rows have slugs, with what the command calls them.
GENERATED = {
    Partnership: "partnerships", Article: "articles", Body: "bodies", Agreement: "agreements",
    Delegation: "delegations", Person: "people", Event: "events", Country: "countries", Domain: "domains",
    Theme: "themes", Tag: "tags",
}  # fmt: skip


def content_found():
    """What the database holds: (label, rows not generated, the first of them, generated rows) per table."""
    found = []
    for model, label in GENERATED.items():
        others = model.objects.exclude(slug__startswith=PREFIX).order_by("pk")
        generated = model.objects.filter(slug__startswith=PREFIX).count()
        found.append((label, others.count(), others.first(), generated))
    return found


def table_counts():
    """Rows per table the generator writes to, for its report."""
    models = [
        Country, Domain, Body, Person, Office, Event, Partnership, Party, Partnership.domains.through,
        TaggedPartnership, Agreement, AgreementDomain, Signatory, Delegation, Delegation.events.through,
        DelegationMember, Meeting, Meeting.offices.through, Theme, Tag, Article, TaggedArticle,
    ] + [getattr(Article, name).through for name in ARTICLE_LINKS]  # fmt: skip
    return {model._meta.db_table: model.objects.count() for model in models}


def analyze():
    """After a bulk load on PostgreSQL: planner statistics, and (outside a transaction) a VACUUM.

    The search refresh rewrites each partnership three times, each article once: without the
    VACUUM, a benchmark run at once reads 300,000 dead rows per 100,000 partnerships and no
    visibility map (no index-only scans) until autovacuum comes by. The two tables are first
    compacted (VACUUM FULL: 294 MB of partnerships -> 46 MB, 192 MB of articles -> 126 MB), as a
    database grown by edits over time, its space reused by autovacuum, or restored from a dump,
    would be; then VACUUM sets the visibility map, which VACUUM FULL leaves empty. About 30 s at
    100,000 + 100,000.
    """
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        if connection.in_atomic_block:
            cursor.execute("ANALYZE")
            return
        for model in (Partnership, Article):
            cursor.execute(f"VACUUM (FULL) {model._meta.db_table}")
        cursor.execute("VACUUM (ANALYZE)")
