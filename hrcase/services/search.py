"""Search across records (a plain substring search; full-text search builds on this API)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from hrcase.domain.base import Entity
from hrcase.services import Services
from hrcase.services.display import record_label

SEARCHED_KINDS = ("person", "case", "testimony", "allegation", "event", "place", "organisation",
                  "source", "intervention", "recommendation", "translation", "attachment")


@dataclass(frozen=True)
class SearchHit:
    """One search result."""

    kind: str
    id: str
    label: str
    snippet: str = ""
    score: float = 0.0

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "id": self.id, "label": self.label, "snippet": self.snippet,
                "score": round(self.score, 4)}


class SearchService:
    """Find records whose texts contain the query."""

    def __init__(self, services: Services) -> None:
        self.services = services

    def search(self, query: str, limit: int = 50) -> list[SearchHit]:
        hits: list[SearchHit] = []
        for kind in SEARCHED_KINDS:
            for record in self.services.records.list(kind, text=query.strip(), limit=limit):
                hits.append(self._hit(kind, record))
        return hits[:limit]

    def _hit(self, kind: str, record: Entity) -> SearchHit:
        return SearchHit(kind, record.id, record_label(self.services, kind, record))
