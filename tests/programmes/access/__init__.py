"""Who may open which programme page: every URL of the app, for every persona.

The access matrix (tests/test_access_matrix.py) reads `ACCESS` here; the declarations live in
`applications` (setup, applications, review, results, exports, API) and `communities` (project
schools, growth records, communities and their events, pairings, the dashboard), on the world
that `scene` builds.
"""

from __future__ import annotations

from tests.access import Access
from tests.programmes.access import applications, communities

_overlap = set(applications.ACCESS) & set(communities.ACCESS)
assert not _overlap, f"declared twice: {_overlap}"

ACCESS: dict[str, Access] = {**applications.ACCESS, **communities.ACCESS}
