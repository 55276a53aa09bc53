from decimal import Decimal

import pytest

from domain import errors, units
from domain.catalog import Product

D = Decimal
COLA = Product(sku="P1", name="可乐", base_unit="瓶", packs={"箱": D(24)})
BEEF = Product(sku="P2", name="牛腩", base_unit="斤", packs={"箱": D(20)})
FLOUR = Product(sku="P3", name="面粉", base_unit="kg", packs={"袋": D(25)})
MILK = Product(sku="P4", name="牛奶", base_unit="升", packs={"箱": D(12)})


def test_pack_units_convert_to_base_units():
    assert COLA.to_base(D(2), "箱") == D(48)


def test_a_third_of_a_case_stays_exact():
    assert units.to_base(D(1) / D(3), "箱", base_unit="瓶", packs={"箱": D(24)}) == D(8)


def test_two_and_a_half_jin_in_kilograms_is_exactly_one_and_a_quarter():
    assert FLOUR.to_base(D("2.5"), "斤") == D("1.25")


def test_liang_and_jin_convert_through_grams():
    assert BEEF.to_base(D(2), "两") == D("0.2")
    assert BEEF.to_base(D(1), "公斤") == D(2)


def test_volume_units_convert_to_litres():
    assert MILK.to_base(D(500), "ml") == D("0.5")


def test_a_weight_unit_does_not_fit_a_counted_product():
    with pytest.raises(errors.UnitMismatch):
        COLA.to_base(D(1), "斤")


def test_a_volume_unit_does_not_fit_a_weighed_product():
    with pytest.raises(errors.UnitMismatch):
        FLOUR.to_base(D(1), "升")


def test_pack_spec_parses_and_rejects_nonsense():
    assert units.parse_packs("箱=24|板=30") == {"箱": D(24), "板": D(30)}
    for bad in ("箱=0", "箱=abc", "箱"):
        with pytest.raises(errors.BadInput):
            units.parse_packs(bad)


def test_quantities_are_shown_in_packs_when_useful():
    assert units.in_packs(D(50), packs={"箱": D(24)}) == "2箱+2"
    assert units.in_packs(D(5), packs={"箱": D(24)}) is None
    assert units.in_packs(D(-50), packs={"箱": D(24)}) == "-2箱-2"   # not -2箱+2, which is -46
    assert units.in_packs(D(-48), packs={"箱": D(24)}) == "-2箱"
    film = {"盒": D(10), "箱": D(500)}   # the largest pack it fills: 5 boxes, not nothing because it is under a case
    assert (units.in_packs(D(50), packs=film), units.in_packs(D(520), packs=film)) == ("5盒", "1箱+20")


def test_normalize_writes_a_long_integer_in_plain_digits_and_a_huge_quantity_is_flagged():
    assert str(units.normalize(Decimal("1E+28"))) == "1" + "0" * 28
    assert str(units.normalize(Decimal("1500.000"))) == "1500"
    assert units.too_large(Decimal("1E+12")) and units.too_large(Decimal("-1E+12"))
    assert not units.too_large(Decimal("999999999999.999"))


def test_a_pack_named_like_a_global_unit_is_refused_only_when_its_size_differs():
    # 吨=1000 for a product kept in kg says what everyone knows; 公斤=2 for one in kg would redefine the kilogram
    assert units.pack_redefines("kg", [("吨", D(1000)), ("包", D(50))]) is None
    assert units.pack_redefines("斤", [("公斤", D(2))]) is None
    assert units.pack_redefines("kg", [("公斤", D(2))]) == "公斤"
    assert units.pack_redefines("升", [("毫升", D(1))]) == "毫升"
    assert units.pack_redefines("个", [("斤", D(3))]) is None   # another kind: a pack like any other



def test_a_dozen_of_pairs_or_sets_is_twelve_of_them():
    earphones = Product(sku="P5", name="蓝牙耳机", base_unit="副", packs={"盒": D(5)})
    assert earphones.to_base(D(2), "打") == D(24)
    with pytest.raises(errors.UnitMismatch):
        MILK.to_base(D(1), "打")
