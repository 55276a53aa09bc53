"""An invitation's code is read whatever letters and digits it holds, however it is typed (the normaliser spaces a
letter from a digit that follows it: avz3 → avz 3, which once lost 13% of the codes)."""
from __future__ import annotations

import random

from domain import commands, network
from nlu import parser
from tests.nlu import catalogs


def test_every_invitation_code_is_read_however_it_is_typed():
    cat = catalogs.load("restaurant")
    p = parser.Parser(cat)
    rng = random.Random(7)
    missed = []
    for _ in range(1500):
        code = network.invite_code(bytes(rng.randrange(256) for _ in range(8)))
        for said in (f"接受邀请 {code}", code, f"接受邀请{code.lower()}", f"加入网络 {code.replace('-', ' ')}"):
            got = p.parse(said, speaker=catalogs.speaker(cat, "liu"))
            if not (isinstance(got, commands.Parsed) and isinstance(got.command, commands.Network)
                    and got.command.code == code):
                missed.append(said)
    assert missed == []
