import re

from locales import LANGUAGES, Translator


def test_every_language_has_every_message_with_the_same_placeholders():
    t = Translator.load()
    zh = t.catalogs["zh_CN"]
    for lang in LANGUAGES:
        cat = t.catalogs[lang]
        assert set(cat) == set(zh), lang
        for key, text in zh.items():
            assert set(re.findall(r"{(\w+)}", cat[key])) == set(re.findall(r"{(\w+)}", text)), (lang, key)


def test_affirmative_buttons_start_with_confirm_in_every_language():
    t = Translator.load()
    for lang in LANGUAGES:
        for key in ("btn.confirm", "btn.confirm_transfer"):
            assert t(key, lang).startswith("确认")


def test_every_rule_variable_has_its_words_in_the_rule_and_in_the_alert():
    from domain import rules
    t = Translator.load()
    for lang in LANGUAGES:
        missing = [f"{k}.{v}" for v in rules.VARIABLES for k in ("rule.var", "var") if f"{k}.{v}" not in t.catalogs[lang]]
        assert not missing, (lang, missing)
