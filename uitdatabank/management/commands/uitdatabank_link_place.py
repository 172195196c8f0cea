"""`manage.py uitdatabank_link_place house "Huis met vele kamers" "Kerkstraat 1" 9000 Gent`:
link a place of the house to UiTdatabank, reusing an existing place when publiq has one."""

from django.core.management.base import BaseCommand, CommandError

from uitdatabank import client
from uitdatabank.venues import Address, venue_link


class Command(BaseCommand):
    help = "Link 'house' (all rooms) or an outing's place text to a UiTdatabank place."

    def add_arguments(self, parser):
        parser.add_argument("key", help='"house", or the place text of activities outside')
        parser.add_argument("name")
        parser.add_argument("street")
        parser.add_argument("postal_code")
        parser.add_argument("city")

    def handle(self, *args, key, name, street, postal_code, city, **options):
        if not client.is_configured():
            raise CommandError("Set UITDATABANK_CLIENT_ID and UITDATABANK_CLIENT_SECRET first.")
        try:
            venue, created = venue_link(
                key=key, name=name, address=Address(street, postal_code, city)
            )
        except client.ApiError as error:
            raise CommandError(error.message) from error
        how = "created in UiTdatabank" if created else "found in UiTdatabank and reused"
        self.stdout.write(f"{venue.key} -> {venue.place_id} ({how})")
