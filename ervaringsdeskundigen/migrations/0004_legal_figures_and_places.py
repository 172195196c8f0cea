"""The legal figures checked against published sources, and the managed list of places.

Higher yearly cap (verhoogd jaarplafond / plafond annuel majoré). The law (royal decree of
20 December 2018) allows it only for: sport trainers, teachers, coaches, youth sport coordinators,
referees, jury members, stewards, ground and equipment keepers and signallers at sport events;
day and night sitting with people who need help; non-urgent transport of lying patients. Never
for a volunteer who receives a social security or social assistance benefit.
- 2026: EUR 3,233.91 (Securex, "Volontariat : les montants pour 2026 sont connus",
  securex.be/fr/lex4you/employeur/actualites/volontariat-les-montants-pour-2026-sont-connus).
- 2025: not found in any source searched, so left empty (the pages say it is unknown and the
  normal cap applies). For reference only, 2024 was EUR 3,047.43 (Liantis, UCM).
None of the house's own kinds of work (testimony, training, co-teaching, panel, policy advice,
support on a ward) is one of those activities: "ondersteuning" had the higher cap switched on by
mistake in 0002 and is corrected here. A kind for day and night sitting is added, not in use,
for a house that does it.

Km rate. Volunteers' travel by car may be refunded at most at the federal civil servants' rate
(royal decree of 13 July 2017, art. 74; Hoge Raad voor Vrijwilligers). Since 1 October 2022 it
changes every quarter (not once a year on 1 July: that yearly rate, 0.4415 for July 2024 - June
2025, belongs to the older regime of the royal decree of 18 January 1965 and is not the
volunteers' one). The 0.4415 / 0.4246 written in 0002 were wrong for volunteers. Per quarter:
- 2023 Q1-Q4, 2024 Q1-Q2: BOSA (federal civil service) table of circulars 713-737.
- 2025 Q1 0.4290, Q2 0.4320, Q3 0.4309, Q4 0.4312: Konsilanto, "Nieuw bedrag voor de
  kilometervergoeding 2025" (konsilanto.be/kilometervergoeding-2025); Q2 and Q3 also
  Trends/Le Vif (trendstop.levif.be, "L'indemnité kilométrique trimestrielle est en baisse").
- 2026 Q1 0.4326: Securex (as above).
Later quarters are added by an administrator in the admin.

Places: municipalities and cities of Flanders and Brussels with their centres' coordinates,
APPROXIMATE (to a kilometre or two; typed from the map, not surveyed). Enough for "about N km";
administrators add places or correct them in the admin.
"""

import datetime as dt
from decimal import Decimal

from django.db import migrations

HIGHER_CAPS = {2025: None, 2026: "3233.91"}

KM_RATES = [
    # from, until, EUR per km, source
    ("2023-01-01", "2023-03-31", "0.4259", "BOSA, omzendbrief 713"),
    ("2023-04-01", "2023-06-30", "0.4246", "BOSA, omzendbrief 717"),
    ("2023-07-01", "2023-09-30", "0.4237", "BOSA, omzendbrief 721"),
    ("2023-10-01", "2023-12-31", "0.4259", "BOSA, omzendbrief 725"),
    ("2024-01-01", "2024-03-31", "0.4269", "BOSA, omzendbrief 733"),
    ("2024-04-01", "2024-06-30", "0.4265", "BOSA, omzendbrief 737"),
    ("2025-01-01", "2025-03-31", "0.4290", "Konsilanto, kilometervergoeding 2025"),
    ("2025-04-01", "2025-06-30", "0.4320", "Konsilanto; Trends/Le Vif"),
    ("2025-07-01", "2025-09-30", "0.4309", "Konsilanto; Trends/Le Vif"),
    ("2025-10-01", "2025-12-31", "0.4312", "Konsilanto, kilometervergoeding 2025"),
    ("2026-01-01", "2026-03-31", "0.4326", "Securex, volontariat montants 2026"),
]

PLACES = [
    # name, province or region, latitude, longitude (approximate town centres)
    ("Brussel", "Brussel", "50.8467", "4.3525"),
    ("Anderlecht", "Brussel", "50.8366", "4.3089"),
    ("Elsene", "Brussel", "50.8333", "4.3667"),
    ("Etterbeek", "Brussel", "50.8361", "4.3861"),
    ("Evere", "Brussel", "50.8700", "4.4030"),
    ("Ganshoren", "Brussel", "50.8710", "4.3170"),
    ("Jette", "Brussel", "50.8770", "4.3270"),
    ("Koekelberg", "Brussel", "50.8620", "4.3290"),
    ("Oudergem", "Brussel", "50.8160", "4.4330"),
    ("Schaarbeek", "Brussel", "50.8670", "4.3730"),
    ("Sint-Agatha-Berchem", "Brussel", "50.8650", "4.2950"),
    ("Sint-Gillis", "Brussel", "50.8270", "4.3450"),
    ("Sint-Jans-Molenbeek", "Brussel", "50.8550", "4.3230"),
    ("Sint-Joost-ten-Node", "Brussel", "50.8540", "4.3720"),
    ("Sint-Lambrechts-Woluwe", "Brussel", "50.8470", "4.4270"),
    ("Sint-Pieters-Woluwe", "Brussel", "50.8310", "4.4320"),
    ("Ukkel", "Brussel", "50.8020", "4.3400"),
    ("Vorst", "Brussel", "50.8100", "4.3200"),
    ("Watermaal-Bosvoorde", "Brussel", "50.7990", "4.4150"),
    ("Antwerpen", "Antwerpen", "51.2194", "4.4025"),
    ("Mechelen", "Antwerpen", "51.0257", "4.4776"),
    ("Turnhout", "Antwerpen", "51.3227", "4.9447"),
    ("Lier", "Antwerpen", "51.1315", "4.5700"),
    ("Geel", "Antwerpen", "51.1617", "4.9900"),
    ("Mol", "Antwerpen", "51.1910", "5.1160"),
    ("Herentals", "Antwerpen", "51.1770", "4.8360"),
    ("Boom", "Antwerpen", "51.0880", "4.3660"),
    ("Heist-op-den-Berg", "Antwerpen", "51.0760", "4.7280"),
    ("Mortsel", "Antwerpen", "51.1700", "4.4560"),
    ("Brasschaat", "Antwerpen", "51.2910", "4.4920"),
    ("Schoten", "Antwerpen", "51.2520", "4.5020"),
    ("Kapellen", "Antwerpen", "51.3130", "4.4330"),
    ("Willebroek", "Antwerpen", "51.0600", "4.3600"),
    ("Hoogstraten", "Antwerpen", "51.4000", "4.7600"),
    ("Westerlo", "Antwerpen", "51.0900", "4.9160"),
    ("Gent", "Oost-Vlaanderen", "51.0543", "3.7174"),
    ("Aalst", "Oost-Vlaanderen", "50.9378", "4.0403"),
    ("Sint-Niklaas", "Oost-Vlaanderen", "51.1650", "4.1430"),
    ("Dendermonde", "Oost-Vlaanderen", "51.0280", "4.1010"),
    ("Lokeren", "Oost-Vlaanderen", "51.1040", "3.9920"),
    ("Oudenaarde", "Oost-Vlaanderen", "50.8450", "3.6050"),
    ("Ninove", "Oost-Vlaanderen", "50.8340", "4.0230"),
    ("Geraardsbergen", "Oost-Vlaanderen", "50.7730", "3.8820"),
    ("Ronse", "Oost-Vlaanderen", "50.7450", "3.6000"),
    ("Eeklo", "Oost-Vlaanderen", "51.1870", "3.5600"),
    ("Wetteren", "Oost-Vlaanderen", "51.0010", "3.8830"),
    ("Zottegem", "Oost-Vlaanderen", "50.8690", "3.8100"),
    ("Deinze", "Oost-Vlaanderen", "50.9830", "3.5270"),
    ("Beveren", "Oost-Vlaanderen", "51.2120", "4.2560"),
    ("Temse", "Oost-Vlaanderen", "51.1250", "4.2130"),
    ("Brugge", "West-Vlaanderen", "51.2093", "3.2247"),
    ("Kortrijk", "West-Vlaanderen", "50.8280", "3.2650"),
    ("Oostende", "West-Vlaanderen", "51.2300", "2.9200"),
    ("Roeselare", "West-Vlaanderen", "50.9460", "3.1230"),
    ("Ieper", "West-Vlaanderen", "50.8510", "2.8860"),
    ("Waregem", "West-Vlaanderen", "50.8880", "3.4270"),
    ("Menen", "West-Vlaanderen", "50.7960", "3.1220"),
    ("Tielt", "West-Vlaanderen", "50.9990", "3.3260"),
    ("Torhout", "West-Vlaanderen", "51.0650", "3.1010"),
    ("Knokke-Heist", "West-Vlaanderen", "51.3500", "3.2650"),
    ("Poperinge", "West-Vlaanderen", "50.8550", "2.7260"),
    ("Diksmuide", "West-Vlaanderen", "51.0330", "2.8640"),
    ("Veurne", "West-Vlaanderen", "51.0720", "2.6620"),
    ("Blankenberge", "West-Vlaanderen", "51.3130", "3.1320"),
    ("Izegem", "West-Vlaanderen", "50.9140", "3.2130"),
    ("Leuven", "Vlaams-Brabant", "50.8798", "4.7005"),
    ("Vilvoorde", "Vlaams-Brabant", "50.9280", "4.4290"),
    ("Halle", "Vlaams-Brabant", "50.7340", "4.2370"),
    ("Aarschot", "Vlaams-Brabant", "50.9870", "4.8370"),
    ("Diest", "Vlaams-Brabant", "50.9840", "5.0510"),
    ("Tienen", "Vlaams-Brabant", "50.8070", "4.9380"),
    ("Zaventem", "Vlaams-Brabant", "50.8830", "4.4730"),
    ("Asse", "Vlaams-Brabant", "50.9100", "4.1980"),
    ("Dilbeek", "Vlaams-Brabant", "50.8480", "4.2600"),
    ("Grimbergen", "Vlaams-Brabant", "50.9350", "4.3720"),
    ("Tervuren", "Vlaams-Brabant", "50.8240", "4.5140"),
    ("Overijse", "Vlaams-Brabant", "50.7740", "4.5370"),
    ("Landen", "Vlaams-Brabant", "50.7530", "5.0820"),
    ("Machelen", "Vlaams-Brabant", "50.9100", "4.4410"),
    ("Hasselt", "Limburg", "50.9307", "5.3325"),
    ("Genk", "Limburg", "50.9650", "5.5000"),
    ("Sint-Truiden", "Limburg", "50.8160", "5.1860"),
    ("Tongeren", "Limburg", "50.7800", "5.4640"),
    ("Beringen", "Limburg", "51.0490", "5.2260"),
    ("Lommel", "Limburg", "51.2310", "5.3130"),
    ("Maasmechelen", "Limburg", "50.9650", "5.6940"),
    ("Bilzen", "Limburg", "50.8730", "5.5190"),
    ("Maaseik", "Limburg", "51.0980", "5.7850"),
    ("Heusden-Zolder", "Limburg", "51.0310", "5.3130"),
    ("Pelt", "Limburg", "51.2280", "5.4260"),
    ("Houthalen-Helchteren", "Limburg", "51.0330", "5.3800"),
]


def forwards(apps, schema_editor):
    rate = apps.get_model("ervaringsdeskundigen", "AllowanceRate")
    for year, higher in HIGHER_CAPS.items():
        rate.objects.filter(year=year).update(
            higher_yearly_cap=Decimal(higher) if higher else None
        )
    km_rate = apps.get_model("ervaringsdeskundigen", "KmRate")
    for start, end, value, source in KM_RATES:
        km_rate.objects.update_or_create(
            valid_from=dt.date.fromisoformat(start),
            defaults={
                "valid_until": dt.date.fromisoformat(end),
                "rate": Decimal(value),
                "source": source,
            },
        )
    kind = apps.get_model("ervaringsdeskundigen", "WorkKind")
    kind.objects.filter(slug="ondersteuning").update(higher_cap=False)
    kind.objects.get_or_create(
        slug="oppas",
        defaults={
            "name": "Dag- of nachtoppas bij hulpbehoevende personen",
            "order": 50,
            "higher_cap": True,
            "is_active": False,
        },
    )
    region = apps.get_model("ervaringsdeskundigen", "Region")
    for name, province, lat, lon in PLACES:
        region.objects.get_or_create(
            name=name,
            defaults={"province": province, "latitude": Decimal(lat), "longitude": Decimal(lon)},
        )


class Migration(migrations.Migration):
    dependencies = [("ervaringsdeskundigen", "0003_regions_km_rates_report_history")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
