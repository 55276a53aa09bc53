from __future__ import annotations

import pytest

from nlu import context, parser
from tests.nlu import catalogs


@pytest.fixture(scope="session")
def cafe() -> context.Catalog:
    return catalogs.load("cafe")


@pytest.fixture(scope="session")
def restaurant() -> context.Catalog:
    return catalogs.load("restaurant")


@pytest.fixture(scope="session")
def cafe_parser(cafe: context.Catalog) -> parser.Parser:
    return parser.Parser(cafe)


@pytest.fixture(scope="session")
def rest_parser(restaurant: context.Catalog) -> parser.Parser:
    return parser.Parser(restaurant)
