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
