"""The governance pages, one URL module per area."""

from . import bodies, cases, elections, meetings, minutes, register, structure, voting

app_name = "governance"

urlpatterns = [
    *meetings.urlpatterns,
    *minutes.urlpatterns,
    *bodies.urlpatterns,
    *register.urlpatterns,
    *structure.urlpatterns,
    *voting.urlpatterns,
    *elections.urlpatterns,
    *cases.urlpatterns,
]
