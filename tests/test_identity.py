"""A toolkit's machine names come from its own edition title (issue 22, part 2): the Atom ids
and the link checker's User-Agent never carry another toolkit's name."""

from __future__ import annotations

from pathlib import Path

from pet_generator.catalog import identity
from pet_generator.catalog.export import to_atom
from pet_generator.catalog.loader import Catalog


def test_names_from_the_edition_title() -> None:
    assert identity.slug({"title": "Peer Employer Toolkit"}) == "peer-employer-toolkit"
    assert identity.product_token({"title": "Peer Employer Toolkit"}) == "PeerEmployerToolkit"
    assert identity.slug({"title": "Guía del Empleador: <b>2027</b>"}) == "guia-del-empleador-b-2027-b"
    assert identity.product_token({"title": 'Ours"\r\nX-Evil: 1'}) == "OursXEvil1"  # nothing that could end a header
    assert identity.slug({"title": "!!!"}) == "toolkit"


def test_atom_ids_carry_the_toolkits_own_name() -> None:
    edition = {"title": "Riverside Peer Toolkit", "year": 2027, "publisher": "Riverside", "released": "2027-01-01"}
    resources = [{"id": "a-guide", "title": "A guide", "added": "2027-02-01"}]
    feed = to_atom(Catalog(root=Path("/nonexistent"), data={"edition": edition, "resources": resources}))
    assert "<id>urn:riverside-peer-toolkit:2027:resources</id>" in feed
    assert "<id>urn:riverside-peer-toolkit:resource:a-guide</id>" in feed
    assert "peer-employer-toolkit" not in feed
