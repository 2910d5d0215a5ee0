#!/usr/bin/env python3
"""Build Temper's sample corpora under corpora/ from hand-written pieces.

All text comes from the hand-written modules next to this script
(corpus_pieces.py, corpus_sentiment.py, corpus_messages.py, corpus_social.py).
The assembly is deterministic (fixed seed), so re-running gives identical files.
Nothing is read from ../shared/data or any public dataset.

Usage:  python3 scripts/make_sample_corpus.py [--out corpora] [--check]
"""
import argparse
import csv
import io
import json
import os
import random
import re
import sys
from datetime import datetime, timedelta, timezone

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import corpus_pieces as P  # noqa: E402
import corpus_sentiment as S  # noqa: E402
import corpus_messages as M  # noqa: E402
import corpus_social as SOC  # noqa: E402

SEED = 20261005

# kind -> count, in rough real-world proportions
KIND_COUNTS = [
    ("calm_resolved", 80),
    ("praise", 28),
    ("mild_frustration", 40),
    ("souring", 22),
    ("furious", 16),
    ("churn_threat", 20),
    ("legal_threat", 12),
    ("public_shaming", 12),
    ("manager_demand", 14),
    ("repeat_contact", 20),
    ("agent_failure", 14),
    ("sarcasm", 14),
    ("negated_threat", 12),
    ("abandoned", 14),
    ("bot_self_serve", 8),
    ("non_english", len(P.NON_ENGLISH)),
    ("single_message", 3),
]

CHANNEL_WEIGHTS = {"chat": 45, "email": 25, "twitter": 12, "phone": 18}

EMOJI_POS = ["😊", "🙏", "👍", "❤️", "🙌", ":)", ":-)", "😄", "<3"]
EMOJI_NEG = ["😡", "🤬", "😤", "🙄", "😩", "😠", ":(", ">:(", "😒", "🤦‍♀️", "🤦🏻‍♂️"]

NON_BMP = re.compile("[\U00010000-\U0010FFFF\u2600-\u27BF\uFE0F\u200D]")


class Ctx:
    def __init__(self, rng, channel, team, agent_full, topic, slots):
        self.rng = rng
        self.channel = channel
        self.team = team
        self.agent_full = agent_full
        self.topic = topic
        self.slots = slots
        self.msgs = []  # (role, text, gapkind)
        self.resolved = False
        self.escalated = False
        self.threat = False

    # --- helpers -----------------------------------------------------------
    def pick(self, pool):
        """Random choice, avoiding lines already used in this conversation."""
        used = {m[1] for m in self.msgs}
        fresh = [x for x in pool if self.fill(x) not in used]
        return self.rng.choice(fresh or pool)

    def fill(self, text):
        s = dict(self.slots)
        s["agent"] = self.agent_full.split()[0]
        s["agent_full"] = self.agent_full
        s["team"] = self.team
        s["brand"] = P.BRAND
        s.setdefault("wait", self.rng.choice([2, 3, 5, 8, 12, 25]))
        return text.format(**s)

    def cust(self, text, tone="neu", gap=None):
        t = self.fill(text)
        t = noisify(self.rng, t, tone, self.channel)
        if t:
            self.msgs.append(("customer", t, gap))

    def agent(self, text, gap=None):
        self.msgs.append(("agent", self.fill(text), gap))

    def bot(self, text):
        self.msgs.append(("bot", self.fill(text), None))

    def system(self, text, gap=None):
        self.msgs.append(("system", self.fill(text), gap))

    def topic_line(self, key):
        pool = self.topic[key]
        if key == "probe":
            i = self.rng.randrange(len(pool))
            self.last_probe = i
            return pool[i]
        if key == "info":
            pairs = self.topic.get("pairs", {})
            idx = pairs.get(getattr(self, "last_probe", None))
            if idx:
                return pool[self.rng.choice(idx)]
        return self.pick(pool)


# --- text noise -------------------------------------------------------------
ELONGATE = {
    "so": ["soo", "sooo", "soooo"], "please": ["pleeease", "pleaseee"], "long": ["loooong"],
    "hello": ["hellooo"], "slow": ["sloooow"], "thanks": ["thaaanks", "thanksss"],
    "really": ["reallyyy", "reaaally"], "what": ["whaaat"], "now": ["nowww"], "good": ["goood"],
}


def typo(rng, text):
    words = text.split(" ")
    idx = [i for i, w in enumerate(words) if len(w) > 4 and w.isalpha() and w.isascii()]
    if not idx:
        return text
    i = rng.choice(idx)
    w = words[i]
    j = rng.randrange(1, len(w) - 2)
    kind = rng.random()
    if kind < 0.5:
        w = w[:j] + w[j + 1] + w[j] + w[j + 2:]
    elif kind < 0.8:
        w = w[:j] + w[j + 1:]
    else:
        w = w[:j] + w[j] + w[j:]
    words[i] = w
    return " ".join(words)


def elongate(rng, text):
    for w, outs in ELONGATE.items():
        pat = re.compile(r"\b%s\b" % w, re.IGNORECASE)
        if pat.search(text):
            return pat.sub(rng.choice(outs), text, count=1)
    return text


def noisify(rng, text, tone, channel):
    if not text:
        return text
    if not text.isascii() and rng.random() < 0.7:
        return text
    r = rng.random
    if channel in ("chat", "twitter"):
        if r() < 0.12:
            text = typo(rng, text)
        if r() < 0.10:
            text = elongate(rng, text)
        if r() < 0.22 and tone != "caps":
            text = text[0].lower() + text[1:] if text[:2] != "I " else text
        if r() < 0.3 and text.endswith(".") and not text.endswith(".."):
            text = text[:-1]
        if r() < 0.14:
            if tone == "pos":
                text += " " + rng.choice(EMOJI_POS)
            elif tone == "neg":
                text += " " + rng.choice(EMOJI_NEG)
        if tone == "neg" and r() < 0.1:
            text = text.rstrip(".!") + rng.choice(["!!", "!!!", "?!", "!?!"])
    elif channel == "phone":
        text = NON_BMP.sub("", text).replace(" :)", "").strip()
        if r() < 0.5:
            f = rng.choice(P.PHONE_FILLERS)
            if f:
                text = f + text[0].lower() + text[1:]
    elif channel == "email":
        if r() < 0.05:
            text = typo(rng, text)
    return text


def caps_burst(rng, text):
    """Upper-case one clause of an angry message."""
    parts = re.split(r"(?<=[.!?]) ", text)
    if len(parts) > 1 and rng.random() < 0.5:
        k = rng.randrange(len(parts))
        parts[k] = parts[k].upper()
        return " ".join(parts)
    return text.upper() if rng.random() < 0.3 else text


# --- recipes -----------------------------------------------------------------
def chat_intro(c, p_bot=0.6):
    """Bot + system preamble for chat; returns True if a bot greeted."""
    if c.channel == "chat" and c.rng.random() < p_bot:
        c.bot(c.pick(P.BOT_GREET))
        said = c.pick(P.CUST_TO_BOT + P.CUST_TO_BOT_TEAM[c.team] * 2)
        c.cust(said, gap="cust")
        c.bot(P.BOT_TRIAGE[-1] if said in P.CUST_TO_BOT else c.pick(P.BOT_TRIAGE[:-1]))
        return True
    if c.channel == "phone":
        c.system("Inbound call queued ({team})")
    return False


def agent_arrives(c, long_wait=False):
    if c.channel == "chat":
        c.system(c.pick(P.SYSTEM_JOIN), gap="long_wait" if long_wait else "first_agent")
        c.agent(c.pick(P.AGENT_GREET_AFTER_WAIT if long_wait else P.AGENT_GREET), gap="quick")
    elif c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_START), gap="long_wait" if long_wait else "first_agent")
        c.agent(c.pick(P.AGENT_GREET_AFTER_WAIT if long_wait else P.AGENT_GREET), gap="quick")
    elif c.channel == "twitter":
        pass  # agent's first reply carries the greeting implicitly
    else:
        pass


def remote_greet(c, long_wait=False):
    """First agent message on email/twitter."""
    gap = "long_wait" if long_wait else "first_agent"
    if c.channel == "email":
        pool = P.AGENT_EMAIL_OPEN_LATE if long_wait else P.AGENT_EMAIL_OPEN
    else:
        pool = P.AGENT_GREET_AFTER_WAIT if long_wait else P.AGENT_GREET
    c.agent(c.pick(pool), gap=gap)


def first_agent_gap(c, long_wait=False):
    return "long_wait" if long_wait else "first_agent"


GREETING_RE = re.compile(r"^(hi there|hi|hello|hey|hiya|good (morning|afternoon|evening)|quick question)[,!:]?( :\))?\s+",
                         re.IGNORECASE)


def strip_greeting(text):
    t = GREETING_RE.sub("", text, count=1)
    return t[0].upper() + t[1:] if t and t != text else text


def opening(c, text, tone="neu", greet=True):
    text = c.fill(text)
    if not (greet and tone != "neg") or GREETING_RE.match(text) or c.rng.random() < 0.4:
        c.cust(text, tone=tone)
        return
    g = c.pick(P.CUST_GREET)
    if g and g[-1].isalpha():  # "hey is there a way ..."
        text = text[0].lower() + text[1:] if not text.startswith("I ") else text
    c.cust((g + " " + text).strip(), tone=tone)


def phone_or_chat_first(c):
    """Customer opens in chat/email/twitter; phone opens with agent first."""
    return c.channel != "phone"


def r_calm(c, praise=False, negated=False, mild=False):
    rng = c.rng
    chat_intro(c)
    if c.channel == "phone":
        agent_arrives(c)
        opening(c, c.topic_line("ask"))
    else:
        opening(c, c.topic_line("ask"))
        if mild and rng.random() < 0.5:
            c.cust(c.pick(P.CUST_MILD), tone="neg", gap="cust_more")
            mild = False
        if negated and rng.random() < 0.5:
            c.cust(c.pick(P.CUST_NEGATED), gap="cust_more")
            negated = False
        agent_arrives(c)
        if c.channel in ("email", "twitter"):
            remote_greet(c)
    if mild or rng.random() < 0.65:
        c.agent(c.topic_line("probe"), gap=None)
        c.cust(c.topic_line("info"))
    if mild:
        c.cust(c.pick(P.CUST_MILD), tone="neg", gap="cust_more" if rng.random() < 0.5 else None)
        c.agent(c.pick(P.AGENT_EMPATHY))
    if rng.random() < 0.4 and c.channel in ("chat", "phone"):
        c.agent(c.pick(P.AGENT_HOLD))
        c.agent(c.topic_line("fix"), gap="hold")
    else:
        c.agent(c.topic_line("fix"))
    c.resolved = True
    if negated:
        c.cust(c.pick(P.CUST_NEGATED))
    if praise:
        c.cust(c.pick(P.CUST_PRAISE), tone="pos")
        if rng.random() < 0.7:
            c.agent(c.pick(P.AGENT_PRAISE_REPLY))
    elif rng.random() < 0.85:
        pool = P.MIXED_LANG_LINES if rng.random() < 0.07 else P.CUST_THANKS
        c.cust(c.pick(pool), tone="pos")
        if rng.random() < 0.6:
            c.agent(c.pick(P.AGENT_CLOSE))
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_praise(c):
    if c.rng.random() < 0.3:
        opening(c, c.pick(P.CUST_PRAISE_OPEN), tone="pos") if c.channel != "phone" else None
        if c.channel == "phone":
            c.system("Inbound call queued ({team})")
            agent_arrives(c)
            c.cust(c.pick(P.CUST_PRAISE_OPEN), tone="pos")
        else:
            agent_arrives(c)
        c.agent(c.pick(P.AGENT_PRAISE_REPLY), gap="first_agent" if c.channel in ("email", "twitter") else None)
        if c.rng.random() < 0.5:
            c.cust(c.pick(P.CUST_THANKS), tone="pos")
        c.resolved = True
        if c.channel == "phone":
            c.system(c.pick(P.SYSTEM_PHONE_END))
    else:
        r_calm(c, praise=True)


def r_mild(c):
    r_calm(c, mild=True)


def r_negated(c):
    r_calm(c, negated=True)


def threat_line(c, which):
    pool = {"churn": P.CUST_CHURN, "legal": P.CUST_LEGAL, "shame": P.CUST_SHAME, "manager": P.CUST_MANAGER}[which]
    c.threat = True
    return c.fill(c.pick(pool))


def r_souring(c):
    rng = c.rng
    chat_intro(c, 0.5)
    if c.channel == "phone":
        agent_arrives(c)
        opening(c, c.topic_line("ask"))
    else:
        opening(c, c.topic_line("ask"))
        agent_arrives(c)
        if c.channel != "chat":
            remote_greet(c)
    c.agent(c.topic_line("probe"))
    c.cust(c.topic_line("info"))
    c.agent(c.pick(P.AGENT_HOLD))
    c.agent(c.pick(P.AGENT_RUNAROUND), gap="hold")
    c.cust(c.pick(P.CUST_SOUR_1), tone="neg")
    c.agent(c.pick(P.AGENT_EMPATHY))
    if rng.random() < 0.6:
        c.agent(c.topic_line("fail"), gap="agent_more")
    c.cust(c.pick(P.CUST_SOUR_2), tone="neg")
    if rng.random() < 0.5:
        c.cust(c.pick(P.CUST_SOUR_2), tone="neg", gap="cust_more")
    end = rng.random()
    if end < 0.65:
        which = rng.choice(["churn", "shame", "manager", "legal", "churn"])
        c.cust(caps_burst(rng, threat_line(c, which)), tone="neg", gap="cust_more")
        if which in ("manager", "legal"):
            c.agent(c.pick(P.AGENT_ESCALATE))
            c.escalated = True
        elif rng.random() < 0.5:
            c.agent(c.pick(P.AGENT_RETENTION))
            c.cust(rng.choice(["No.", "Too late.", "Just cancel it.", "not interested", "Keep it."]), tone="neg")
    else:
        c.agent(c.pick(P.AGENT_EMPATHY))
        c.cust(rng.choice(["Whatever.", "forget it", "I'll sort it out myself.", "Thanks for nothing."]), tone="neg")
    if c.channel == "chat" and rng.random() < 0.4:
        c.system(c.pick(P.SYSTEM_LEFT))
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_furious(c):
    rng = c.rng
    long_wait = rng.random() < 0.35
    chat_intro(c, 0.3)
    if c.channel == "phone":
        agent_arrives(c, long_wait)
    open_line = c.pick(P.CUST_FURIOUS_OPEN) + " " + caps_burst(rng, c.fill(c.topic_line("angry")))
    c.cust(open_line, tone="neg")
    if rng.random() < 0.6:
        c.cust(c.pick(P.CUST_FURIOUS_MORE), tone="neg", gap="cust_more")
    if c.channel != "phone":
        agent_arrives(c, long_wait)
        if c.channel != "chat":
            c.agent(c.pick(P.AGENT_EMPATHY), gap=first_agent_gap(c, long_wait))
        else:
            c.agent(c.pick(P.AGENT_EMPATHY))
    else:
        c.agent(c.pick(P.AGENT_EMPATHY))
    if long_wait and rng.random() < 0.6:
        c.cust(c.pick(P.CUST_WAIT_COMPLAINT), tone="neg")
    c.agent(c.topic_line("probe"))
    c.cust(c.topic_line("info"), tone="neg")
    if rng.random() < 0.5:
        c.agent(c.topic_line("fix"))
        c.resolved = True
        c.cust(rng.choice(["Fine.", "About time.", "it shouldn't take an hour of my life to get this.",
                           "ok. we'll see if it actually happens", "Finally. Thanks I guess."]), tone="neg")
    else:
        c.agent(c.topic_line("fail"))
        c.cust(c.pick(P.CUST_FURIOUS_MORE), tone="neg")
        if rng.random() < 0.6:
            c.cust(caps_burst(rng, threat_line(c, rng.choice(["churn", "legal", "shame", "manager"]))),
                   tone="neg", gap="cust_more")
        if rng.random() < 0.5:
            c.agent(c.pick(P.AGENT_ESCALATE))
            c.escalated = True
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_threat(c, which):
    rng = c.rng
    chat_intro(c, 0.4)
    angry_open = rng.random() < 0.6
    if c.channel == "phone":
        agent_arrives(c)
    if angry_open:
        c.cust(c.topic_line("angry"), tone="neg")
    else:
        opening(c, c.topic_line("ask"))
    if c.channel != "phone":
        agent_arrives(c)
        if c.channel != "chat":
            c.agent(c.pick(P.AGENT_EMPATHY), gap="first_agent")
    if rng.random() < 0.6:
        c.agent(c.topic_line("probe"))
        c.cust(c.topic_line("info"), tone="neg" if angry_open else "neu")
    c.agent(c.topic_line("fail") if rng.random() < 0.7 else c.pick(P.AGENT_FAIL_GENERIC))
    if rng.random() < 0.5:
        c.cust(c.pick(P.CUST_SOUR_2), tone="neg")
    line = threat_line(c, which)
    if rng.random() < 0.3:
        line = caps_burst(rng, line)
    c.cust(line, tone="neg", gap="cust_more" if rng.random() < 0.4 else None)
    if which == "churn":
        c.agent(c.pick(P.AGENT_RETENTION))
        if rng.random() < 0.3:
            c.cust(rng.choice([
                "Fine, I'll take the discount. But this is your last chance.",
                "ok... 3 months half price and the issue fixed, then I'll stay",
                "Alright. But if it happens again I'm gone.",
            ]), tone="neg")
            c.agent(c.topic_line("fix"))
            c.resolved = True
        else:
            c.cust(rng.choice(["No thanks. Cancel it.", "Not interested. Please confirm the cancellation in writing.",
                               "Nope. Done.", "You had 3 chances already."]), tone="neg")
            c.agent("I've processed the cancellation, confirmation {ticket}. I'm sorry to see you go.")
    elif which == "legal":
        c.agent(c.pick(P.AGENT_LEGAL_ACK))
        c.escalated = True
        if rng.random() < 0.5:
            c.cust(rng.choice(["We'll see.", "You have until Friday.", "Good. I expect a written response.",
                               "I'm keeping copies of everything."]), tone="neg")
    elif which == "shame":
        c.agent(c.pick(P.AGENT_EMPATHY + P.AGENT_ESCALATE))
        if rng.random() < 0.5:
            c.cust(rng.choice(["Too late, it's already posted.", "Screenshots taken.", "Maybe now someone will listen."]),
                   tone="neg")
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_manager(c):
    rng = c.rng
    chat_intro(c, 0.4)
    if c.channel == "phone":
        agent_arrives(c)
        opening(c, c.topic_line("ask"))
    else:
        opening(c, c.topic_line(rng.choice(["ask", "angry"])), tone="neg")
        agent_arrives(c)
        if c.channel != "chat":
            remote_greet(c)
    c.agent(c.topic_line("fail"))
    c.cust(c.pick(P.CUST_SOUR_1 + P.CUST_SOUR_2), tone="neg")
    c.agent(c.pick(P.AGENT_FAIL_GENERIC))
    c.cust(threat_line(c, "manager"), tone="neg")
    c.escalated = True
    if rng.random() < 0.6:
        c.agent("Let me bring in my manager, one moment.")
        if c.channel == "chat":
            c.system(c.pick(P.SYSTEM_TRANSFER).replace("{agent_full}", rng.choice(P.SUPERVISORS)))
        c.agent(c.pick(P.SUPERVISOR_LINES), gap="hold")
        c.agent(c.pick(P.SUPERVISOR_FIX), gap="agent_more")
        c.resolved = True
        c.cust(rng.choice(["Thank you. That's all I wanted from the start.", "ok, thanks for actually listening",
                           "Fine. Appreciate you stepping in.", "Thank you, finally someone who can help 🙏"]), tone="pos")
    else:
        c.agent(rng.choice(P.AGENT_ESCALATE[:1] + ["There's no manager available right now, but I've requested a call back within 48 hours."]))
        c.cust(rng.choice(["48 hours?! Unreal.", "I'll believe it when I see it.", "Great. More waiting.",
                           "Fine. But I'm also putting this in writing."]), tone="neg")
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_repeat(c):
    rng = c.rng
    chat_intro(c, 0.3)
    if c.channel == "phone":
        agent_arrives(c)
    c.cust(c.pick(P.CUST_REPEAT_OPEN) + " " + strip_greeting(c.fill(c.topic_line(rng.choice(["ask", "angry"])))), tone="neg")
    if c.channel != "phone":
        agent_arrives(c)
        if c.channel != "chat":
            c.agent(c.pick(P.AGENT_EMPATHY), gap="first_agent")
        else:
            c.agent(c.pick(P.AGENT_EMPATHY))
    else:
        c.agent(c.pick(P.AGENT_EMPATHY))
    c.agent(c.pick(P.AGENT_HOLD), gap="agent_more")
    if rng.random() < 0.55:
        c.agent(c.topic_line("fix"), gap="hold")
        c.resolved = True
        c.cust(rng.choice(["ok. please make sure it actually happens this time",
                           "Thanks. Fingers crossed it sticks this time.",
                           "I hope so, I can't keep doing this.",
                           "ok thank you, sorry for being short, it's been a long week"]), tone="neg")
    else:
        c.agent(c.topic_line("fail"), gap="hold")
        c.cust(c.pick(P.CUST_SOUR_2), tone="neg")
        if rng.random() < 0.5:
            c.cust(threat_line(c, rng.choice(["churn", "manager", "legal", "shame"])), tone="neg", gap="cust_more")
            if rng.random() < 0.6:
                c.agent(c.pick(P.AGENT_ESCALATE))
                c.escalated = True
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_agent_failure(c):
    rng = c.rng
    chat_intro(c, 0.5)
    if c.channel == "phone":
        agent_arrives(c)
        opening(c, c.topic_line("ask"))
    else:
        opening(c, c.topic_line("ask"))
        agent_arrives(c)
        if c.channel != "chat":
            remote_greet(c)
    if rng.random() < 0.6:
        c.agent(c.topic_line("probe"))
        c.cust(c.topic_line("info"))
    c.agent(c.topic_line("fail"))
    c.cust(rng.choice(["So what am I supposed to do?", "That's it? There's really nothing?",
                       "Can you at least tell me who CAN help?", "seriously? ok then what", "Wait, what?"]), tone="neg")
    c.agent(c.pick(P.AGENT_FAIL_GENERIC))
    c.cust(c.pick(P.CUST_MILD + P.CUST_SOUR_2), tone="neg")
    if rng.random() < 0.4:
        c.agent(c.pick(P.AGENT_CLOSE[:2]))
        c.cust(rng.choice(["No.", "no that's all", "nope"]), tone="neg")
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_sarcasm(c):
    rng = c.rng
    chat_intro(c, 0.5)
    if c.channel == "phone":
        agent_arrives(c, long_wait=True)
        c.cust(c.pick(P.CUST_SARCASM), tone="neg")
        c.cust(c.topic_line("ask"), gap="cust_more")
    else:
        opening(c, c.topic_line("ask"))
        agent_arrives(c, long_wait=True)
        if c.channel != "chat":
            remote_greet(c, long_wait=True)
        c.cust(c.pick(P.CUST_SARCASM), tone="neg")
    c.agent(c.pick(P.AGENT_EMPATHY))
    c.agent(c.topic_line("probe"), gap="agent_more")
    c.cust(c.topic_line("info"))
    if rng.random() < 0.5:
        c.agent(c.topic_line("fix"))
        c.resolved = True
        c.cust(rng.choice(["Wow, only took half a day. Thanks.", "ok. thanks.", "Great. Only 3 hours of my life gone.",
                           "fine, thanks"]), tone="neg")
    else:
        c.agent(c.topic_line("fail"))
        c.cust(c.pick(P.CUST_SARCASM), tone="neg")
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_END))


def r_abandoned(c):
    rng = c.rng
    angry = rng.random() < 0.5
    c.angry_open = angry
    if c.channel == "chat" and rng.random() < 0.5:
        c.bot(c.pick(P.BOT_GREET))
        said = c.pick(P.CUST_TO_BOT + P.CUST_TO_BOT_TEAM[c.team] * 2)
        c.cust(said, gap="cust")
        c.bot(P.BOT_TRIAGE[-1] if said in P.CUST_TO_BOT else c.pick(P.BOT_TRIAGE[:-1]))
    if c.channel == "phone":
        c.system("Inbound call queued ({team})")
        c.system(c.pick(["Caller abandoned in queue", "Caller hung up before answer"]), gap="abandon")
        c.resolved = False
        return
    if angry:
        c.cust(c.topic_line("angry"), tone="neg", gap="cust")
    else:
        opening(c, c.topic_line("ask"))
    for _ in range(rng.choice([0, 1, 1, 2])):
        c.cust(c.pick(P.CUST_ABANDON), tone="neg" if angry else "neu", gap="abandon")
    if c.channel == "chat":
        c.system(c.pick(P.SYSTEM_LEFT), gap="abandon")


def r_bot_self_serve(c):
    c.bot(c.pick(P.BOT_GREET))
    q = c.rng.choice([
        ("where is my order {order}", 0), ("how do I reset my password", 1), ("invoice download", 2),
        ("Where's my parcel?", 0), ("forgot password", 1), ("need a copy of my invoice pls", 2),
    ])
    c.cust(q[0], gap="cust")
    c.bot(P.BOT_SELF_SERVE[q[1]])
    c.cust(c.rng.choice(["yes thanks", "Yes, thank you!", "perfect", "yep 👍", "that worked, ty"]), tone="pos", gap="cust")
    c.bot("Great! Have a nice day 😊")
    c.resolved = True


def r_non_english(c, item):
    lang, tone, lines = item
    c.lang = lang
    c.tone_ne = tone
    if c.channel == "phone":
        c.system(c.pick(P.SYSTEM_PHONE_START))
    first = True
    for role, text in lines:
        if role == "customer":
            c.cust(text, tone="neg" if tone == "angry" else "pos")
        else:
            c.agent(text, gap="first_agent" if first else None)
            first = False
    c.resolved = tone == "calm" or any("{ticket}" in t for r, t in lines[-1:] if r == "agent")
    c.escalated = tone == "angry" and any(k in " ".join(t for _, t in lines) for k in ("escal", "تصعيد"))
    if tone == "angry":
        c.threat = True


SINGLES = [
    ("Just wanted to say the delivery guy today was super nice, thanks!", "low", "pos"),
    ("order {order} status?", "low", "neu"),
    ("This is my LAST message before I go to the ombudsman. {ticket}. You have 7 days.", "high", "neg"),
]


def r_single(c, idx):
    text, risk, tone = SINGLES[idx]
    c.cust(text, tone=tone)
    c.single_risk = risk


RECIPES = {
    "calm_resolved": r_calm, "praise": r_praise, "mild_frustration": r_mild, "souring": r_souring,
    "furious": r_furious, "churn_threat": lambda c: r_threat(c, "churn"),
    "legal_threat": lambda c: r_threat(c, "legal"), "public_shaming": lambda c: r_threat(c, "shame"),
    "manager_demand": r_manager, "repeat_contact": r_repeat, "agent_failure": r_agent_failure,
    "sarcasm": r_sarcasm, "negated_threat": r_negated, "abandoned": r_abandoned,
    "bot_self_serve": r_bot_self_serve,
}

TONE = {
    "calm_resolved": 1.0, "praise": 2.0, "mild_frustration": 0.3, "souring": -1.6, "furious": -2.0,
    "churn_threat": -1.8, "legal_threat": -2.2, "public_shaming": -2.0, "manager_demand": -1.4,
    "repeat_contact": -1.0, "agent_failure": -1.4, "sarcasm": -1.3, "negated_threat": 1.0,
    "bot_self_serve": 1.0, "non_english": 0.0, "single_message": 0.0, "abandoned": -1.0,
}


def risk_label(kind, c):
    if kind in ("calm_resolved", "praise", "mild_frustration", "negated_threat", "bot_self_serve"):
        return "low"
    if kind in ("furious", "churn_threat", "legal_threat", "public_shaming", "manager_demand"):
        return "high"
    if kind == "souring":
        return "high" if c.threat else "medium"
    if kind == "repeat_contact":
        return "high" if c.threat else "medium"
    if kind in ("agent_failure", "sarcasm"):
        return "medium"
    if kind == "abandoned":
        return "medium" if getattr(c, "angry_open", False) else "low"
    if kind == "non_english":
        return "high" if c.tone_ne == "angry" else "low"
    if kind == "single_message":
        return c.single_risk
    return "medium"


# --- time ----------------------------------------------------------------------
def gap_seconds(rng, prev_role, role, gap, channel):
    def ln(lo, hi):
        # log-uniform between lo and hi seconds
        import math
        return int(math.exp(rng.uniform(math.log(lo), math.log(hi))))

    if role == "system" and gap not in ("first_agent", "long_wait", "abandon"):
        return ln(1, 6)
    if role == "bot":
        return ln(1, 4)
    if gap == "abandon":
        return ln(60, 1500)
    if gap == "long_wait":
        return {"chat": ln(2400, 9000), "phone": ln(1500, 4000), "email": ln(9000, 14400),
                "twitter": ln(5400, 14000)}[channel]
    if gap == "first_agent":
        return {"chat": ln(10, 900), "phone": ln(20, 1200), "email": ln(1200, 14400),
                "twitter": ln(300, 10800)}[channel]
    if gap == "quick":
        return ln(4, 40)
    if gap == "hold":
        return {"chat": ln(60, 420), "phone": ln(45, 300), "email": ln(3600, 90000),
                "twitter": ln(300, 7200)}[channel]
    if gap == "agent_more":
        return ln(5, 90) if channel in ("chat", "phone") else ln(60, 600)
    if gap == "cust_more":
        return {"chat": ln(3, 45), "phone": ln(2, 15), "email": ln(600, 40000), "twitter": ln(20, 400)}[channel]
    if role == "customer":
        if prev_role == "customer":
            return {"chat": ln(3, 45), "phone": ln(2, 15), "email": ln(600, 40000), "twitter": ln(20, 400)}[channel]
        return {"chat": ln(8, 200), "phone": ln(3, 40), "email": ln(1800, 172800), "twitter": ln(60, 28800)}[channel]
    if role == "agent":
        if prev_role in ("agent",):
            return ln(10, 120) if channel in ("chat", "phone") else ln(60, 900)
        return {"chat": ln(15, 240), "phone": ln(4, 60), "email": ln(3600, 93600), "twitter": ln(180, 18000)}[channel]
    return ln(1, 10)


def start_time(rng):
    start = datetime(2026, 9, 1, tzinfo=timezone.utc)
    day = rng.randrange(0, 91)  # Sept 1 .. Nov 30
    r = rng.random()
    if r < 0.05:
        hour, minute = 23, rng.randrange(20, 59)  # will likely cross midnight
    else:
        hour = rng.choices(range(24), weights=[1, 1, 0.5, 0.5, 0.5, 1, 2, 4, 8, 10, 10, 10, 9, 10, 10, 9, 8, 7,
                                               6, 6, 5, 4, 3, 2])[0]
        minute = rng.randrange(60)
    return start + timedelta(days=day, hours=hour, minutes=minute, seconds=rng.randrange(60))


def iso(dt):
    return dt.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- channel shaping -------------------------------------------------------------
def shape_channel(c, cname):
    msgs = c.msgs
    out = []
    initials = "^" + "".join(w[0] for w in c.agent_full.split()[:2])
    first_cust = True
    for role, text, gap in msgs:
        if c.channel == "twitter":
            if role == "customer" and first_cust:
                text = "@%sSupport %s" % (P.BRAND, text)
            elif role == "agent" and not text.endswith(initials):
                text = "%s %s" % (text, initials)
        if role == "customer":
            first_cust = False
        out.append((role, text, gap))
    if c.channel == "email":
        hold = {c.fill(x) for x in P.AGENT_HOLD} | {"Let me bring in my manager, one moment."}
        sup_starts = tuple(c.fill(x)[:20] for x in P.SUPERVISOR_LINES)
        out = [m for m in out if m[0] != "bot" and m[1] not in hold]
        merged = []
        for m in out:
            prev = merged[-1] if merged else None
            if (prev and prev[0] == m[0] and m[0] in ("customer", "agent")
                    and not m[1].startswith(sup_starts)):
                merged[-1] = (prev[0], prev[1] + "\n\n" + m[1], prev[2])
            else:
                merged.append(m)
        out = []
        first = True
        supervisor = c.rng.choice(P.SUPERVISORS).split(" (")[0]
        for role, text, gap in merged:
            if role == "customer":
                if first or c.rng.random() < 0.3:
                    text += c.fill(c.rng.choice(P.EMAIL_SIGNOFF_CUST))
                first = False
            elif role == "agent":
                if text.startswith(sup_starts):
                    text += "\n\nRegards,\n%s\n%s Customer Relations" % (supervisor, P.BRAND)
                else:
                    if not re.match(r"^(Hi|Hello|Dear) ", text):
                        text = "Hi %s,\n\n%s" % (cname, text)
                    text += c.fill(c.rng.choice(P.EMAIL_SIGNOFF_AGENT))
            out.append((role, text, gap))
        if c.rng.random() < 0.3:
            out.insert(0, ("system", "Ticket created from email", None))
    if c.channel == "twitter":
        out = [m for m in out if m[0] != "bot"]
        if len(out) > 4 and c.rng.random() < 0.4:
            # brand moves the conversation to DM
            k = next((i for i, m in enumerate(out) if m[0] == "agent"), None)
            if k is not None:
                out.insert(k + 1, ("system", "Conversation moved to Direct Messages", None))
    return out


# --- conversation builder ---------------------------------------------------------
def make_conversation(rng, kind, extra=None, channel=None):
    if channel is None:
        if kind == "public_shaming":
            channel = rng.choices(["twitter", "chat", "email", "phone"], [45, 30, 15, 10])[0]
        elif kind in ("abandoned",):
            channel = rng.choices(["chat", "phone", "twitter"], [65, 25, 10])[0]
        elif kind == "bot_self_serve":
            channel = "chat"
        elif kind == "single_message":
            channel = rng.choice(["twitter", "email", "chat"])
        else:
            channel = rng.choices(list(CHANNEL_WEIGHTS), list(CHANNEL_WEIGHTS.values()))[0]
    team = rng.choice(list(P.TOPICS))
    topic = rng.choice(P.TOPICS[team])
    agent_full = rng.choice(P.AGENTS[team])
    cname = rng.choice(P.CUSTOMER_NAMES)
    slots = {
        "order": rng.choice(["#A%d" % rng.randrange(10_000_000, 99_999_999), "%d-%04d" % (rng.randrange(1000, 9999), rng.randrange(10000)),
                             "ORD-%d" % rng.randrange(100000, 999999)]),
        "amount": rng.choice(["$%d.99" % rng.randrange(5, 200), "€%d,%02d" % (rng.randrange(9, 150), rng.choice([0, 49, 99])),
                              "£%d" % rng.randrange(10, 400), "$%d" % rng.randrange(10, 900)]),
        "product": rng.choice(P.PRODUCTS),
        "device": rng.choice(P.DEVICES),
        "last4": "%04d" % rng.randrange(10000),
        "date": rng.choice(["Monday", "the 3rd", "Sept 12", "last Tuesday", "10/14", "Oct 2", "the 28th", "Friday"]),
        "ticket": rng.choice(["#%d" % rng.randrange(100000, 999999), "CASE-%05d" % rng.randrange(100000), "TK%d" % rng.randrange(1000000, 9999999)]),
        "competitor": rng.choice(P.COMPETITORS),
        "plan": rng.choice(P.PLANS),
        "cname": cname,
    }
    c = Ctx(rng, channel, team, agent_full, topic, slots)
    if kind == "non_english":
        r_non_english(c, extra)
    elif kind == "single_message":
        r_single(c, extra)
    else:
        RECIPES[kind](c)
    msgs = shape_channel(c, cname)
    # timestamps
    t = start_time(rng)
    out = []
    prev_role = None
    for i, (role, text, gap) in enumerate(msgs):
        if i > 0:
            if gap is None and role == "agent" and not any(m["role"] == "agent" for m in out):
                gap = "first_agent"
            t += timedelta(seconds=max(1, gap_seconds(rng, prev_role, role, gap, channel)))
        out.append({"role": role, "text": text, "at": iso(t)})
        prev_role = role
    if len(out) > 20:
        out = out[:20]
    return c, out, cname


def survey_for(rng, kind, c):
    tone = TONE[kind]
    if kind == "non_english":
        tone = 1.0 if c.tone_ne == "calm" else -1.6
    if kind == "single_message":
        tone = {"pos": 1.5, "neu": 0.3, "neg": -2}[SINGLES[0][2]] if False else 0.3
    tone += 0.6 if c.resolved else -0.4
    csat = max(1, min(5, round(3 + tone + rng.gauss(0, 0.7))))
    nps = max(0, min(10, round((csat - 1) * 2.4 + rng.gauss(0.6, 1.4))))
    ces = max(1, min(7, round(1 + (csat - 1) * 1.4 + rng.gauss(0, 0.9))))
    r = rng.random()
    if r < 0.18:
        return {"csat": csat}
    if r < 0.27:
        return {"csat": csat, "nps": nps}
    if r < 0.32:
        return {"nps": nps}
    return {"csat": csat, "nps": nps, "ces": ces}


def build_transcripts(rng):
    jobs = []
    for kind, n in KIND_COUNTS:
        for i in range(n):
            extra = None
            if kind == "non_english":
                extra = P.NON_ENGLISH[i]
            elif kind == "single_message":
                extra = i
            jobs.append((kind, extra))
    rng.shuffle(jobs)
    customers = []
    convs = []
    for kind, extra in jobs:
        c, msgs, cname = make_conversation(rng, kind, extra)
        reuse = 0.7 if kind == "repeat_contact" else 0.12
        if customers and rng.random() < reuse:
            cust = rng.choice(customers)
        else:
            cust = "cust-%05d" % rng.randrange(10000, 99999)
            customers.append(cust)
        segment = "business" if (hash_seg(cust) < 0.25) else "consumer"
        rec = {
            "channel": c.channel, "agent": c.agent_full, "team": c.team, "customer": cust,
            "segment": segment, "messages": msgs,
        }
        has_customer = any(m["role"] == "customer" for m in msgs)
        has_agent = any(m["role"] == "agent" for m in msgs)
        if kind not in ("abandoned", "single_message") and has_agent and rng.random() < 0.42:
            rec["survey"] = survey_for(rng, kind, c)
        resolved = c.resolved
        escalated = c.escalated
        if has_agent and rng.random() < 0.05:
            resolved = not resolved  # reality is messy: reopened tickets, silent fixes
        if not escalated and c.threat and rng.random() < 0.25:
            escalated = True
        rec["resolved"] = bool(resolved)
        rec["escalated"] = bool(escalated)
        if has_agent and rng.random() < 0.55:
            base = {"chat": 3.2, "email": 4.5, "twitter": 2.8, "phone": 7.5}[c.channel]
            rec["cost"] = round(base + 0.35 * len(msgs) + (6 if escalated else 0) + rng.uniform(-0.8, 1.5), 2)
        if rng.random() < 0.15:
            rec["tags"] = list(rng.choice(P.TAGS))
        if c.channel == "phone" and rng.random() < 0.3:
            rec["duration_s"] = int((parse(msgs[-1]["at"]) - parse(msgs[0]["at"])).total_seconds())
        if kind == "non_english":
            rec["lang"] = c.lang
        assert has_customer or kind == "abandoned" and c.channel == "phone"
        convs.append((rec, kind, risk_label(kind, c)))
    convs.sort(key=lambda x: x[0]["messages"][0]["at"])
    out = []
    for i, (rec, kind, risk) in enumerate(convs, 1):
        rec = {"id": "c%04d" % i, **rec}
        out.append((rec, kind, risk))
    return out


def hash_seg(s):
    return (sum(ord(ch) * (i + 1) for i, ch in enumerate(s)) % 100) / 100.0


def parse(ts):
    return datetime.strptime(ts, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


# --- helpdesk rows ----------------------------------------------------------------
def build_message_rows(rng, n=40):
    kinds = (["calm_resolved"] * 12 + ["mild_frustration"] * 6 + ["praise"] * 3 + ["souring"] * 4 + ["furious"] * 2 +
             ["churn_threat"] * 3 + ["legal_threat"] * 2 + ["repeat_contact"] * 3 + ["manager_demand"] * 2 +
             ["agent_failure"] * 2 + ["sarcasm"] * 1)
    kinds = kinds[:n]
    rng.shuffle(kinds)
    tickets = []
    tid = 48100
    for kind in kinds:
        tid += rng.randrange(3, 60)
        channel = rng.choices(["email", "chat", "phone"], [50, 40, 10])[0]
        c, msgs, cname = make_conversation(rng, kind, channel=channel)
        rows = []
        for m in msgs:
            if m["role"] not in ("customer", "agent"):
                continue
            author = "end-user" if m["role"] == "customer" else "agent"
            rows.append([str(tid), m["at"], author, m["text"],
                         c.agent_full if author == "agent" else "", c.team,
                         {"chat": "web_widget", "email": "email", "phone": "voice"}[channel]])
        tickets.append((kind, rows))
    # quoted-word variety: inject a couple of bodies with quotes and commas
    extra_bodies = [
        'The app says "payment failed, try again" but the money left my account, twice.',
        'Your email said "arriving today, 9am-1pm". It did not arrive, again.',
        'Item: "Deluxe 3-in-1 kettle, 1.7L, brushed steel" - wrong colour, I ordered black.',
    ]
    for b in extra_bodies:
        t = rng.choice(tickets)[1]
        for row in t:
            if row[2] == "end-user":
                row[3] = b + ("\n" + row[3] if rng.random() < 0.5 else "")
                break
    all_rows = []
    for _, rows in tickets:
        all_rows.extend(rows)
    # helpdesk exports are grouped per ticket but not perfectly: interleave a few
    positions = [i for i in range(len(all_rows) - 2) if all_rows[i][0] != all_rows[i + 1][0]]
    for pos in rng.sample(positions, 3):
        # swap the last row of one ticket with the first of the next
        all_rows[pos], all_rows[pos + 1] = all_rows[pos + 1], all_rows[pos]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(["ticket_id", "created_at", "author_type", "body", "agent_name", "team", "channel"])
    w.writerows(all_rows)
    return buf.getvalue(), len(tickets), len(all_rows)


# --- tweets -------------------------------------------------------------------------
def build_tweets():
    lines = []
    tweet_id = 1044100
    base = datetime(2026, 9, 3, 7, 12, 0, tzinfo=timezone.utc)
    rng = random.Random(SEED + 7)
    for ti, (brand, thread) in enumerate(SOC.TWEET_THREADS):
        t = base + timedelta(days=ti * 3 % 88, hours=rng.randrange(0, 16), minutes=rng.randrange(60))
        cust_id = str(rng.randrange(100000, 999999))
        prev = None
        for j, (who, text) in enumerate(thread):
            tweet_id += rng.randrange(1, 40)
            if j:
                if who == "c":
                    t += timedelta(seconds=rng.randrange(30, 5400))
                else:
                    t += timedelta(seconds=rng.randrange(120, 9000))
            inbound = who == "c"
            author = cust_id if inbound else brand
            text = text.replace("{brand}", "@" + brand).replace("{cust}", "@" + cust_id)
            lines.append({
                "tweet_id": tweet_id, "author_id": author, "inbound": inbound,
                "created_at": iso(t), "text": text, "in_response_to_tweet_id": prev,
            })
            prev = tweet_id
    return lines


# --- writers ---------------------------------------------------------------------------
def write(path, text):
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(text)


def tsv_escape(s):
    assert "\t" not in s and "\n" not in s, s
    return s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--out", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "corpora"))
    ap.add_argument("--check", action="store_true", help="only validate existing files")
    args = ap.parse_args()
    out = os.path.abspath(args.out)
    if not args.check:
        os.makedirs(out, exist_ok=True)
        rng = random.Random(SEED)
        convs = build_transcripts(rng)
        write(os.path.join(out, "transcripts.jsonl"),
              "".join(json.dumps(r, ensure_ascii=False) + "\n" for r, _, _ in convs))
        write(os.path.join(out, "transcripts-labels.tsv"),
              "id\texpected_risk\tkind\n" + "".join("%s\t%s\t%s\n" % (r["id"], risk, kind) for r, kind, risk in convs))
        csv_text, nt, nr = build_message_rows(random.Random(SEED + 1))
        write(os.path.join(out, "message-rows.csv"), csv_text)
        write(os.path.join(out, "tweets.jsonl"),
              "".join(json.dumps(t, ensure_ascii=False) + "\n" for t in build_tweets()))
        test, dev = S.splits()
        for name, rows in (("cs-sentiment.tsv", test), ("cs-sentiment-dev.tsv", dev)):
            write(os.path.join(out, name),
                  "label\ttext\n" + "".join("%s\t%s\n" % (lab, tsv_escape(txt)) for lab, txt in rows))
        write(os.path.join(out, "messages.txt"), "".join(m + "\n" for m in M.messages()))
        write(os.path.join(out, "hard-cases.txt"), "".join(h + "\n" for h in SOC.hard_cases()))
    sys.exit(validate(out))


def validate(out):
    import collections
    errors = []
    # transcripts
    ids = []
    n_msgs = []
    with open(os.path.join(out, "transcripts.jsonl"), encoding="utf-8") as f:
        for ln, line in enumerate(f, 1):
            r = json.loads(line)
            ids.append(r["id"])
            assert r["channel"] in ("chat", "email", "twitter", "phone")
            assert r["segment"] in ("consumer", "business")
            assert 1 <= len(r["messages"]) <= 20, r["id"]
            n_msgs.append(len(r["messages"]))
            prev = None
            for m in r["messages"]:
                assert m["role"] in ("customer", "agent", "bot", "system")
                assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", m["at"]), m["at"]
                t = parse(m["at"])
                if prev and t <= prev:
                    errors.append("%s: messages out of order" % r["id"])
                prev = t
                assert m["text"].strip(), r["id"]
            s = r.get("survey")
            if s:
                assert 1 <= s.get("csat", 3) <= 5 and 0 <= s.get("nps", 5) <= 10 and 1 <= s.get("ces", 4) <= 7
    assert len(set(ids)) == len(ids)
    with open(os.path.join(out, "transcripts-labels.tsv"), encoding="utf-8") as f:
        rows = [l.rstrip("\n").split("\t") for l in f]
    assert rows[0] == ["id", "expected_risk", "kind"]
    assert all(len(r) == 3 and r[1] in ("high", "medium", "low") for r in rows[1:])
    assert [r[0] for r in rows[1:]] == ids
    # csv
    with open(os.path.join(out, "message-rows.csv"), encoding="utf-8", newline="") as f:
        crow = list(csv.reader(f))
    assert crow[0] == ["ticket_id", "created_at", "author_type", "body", "agent_name", "team", "channel"]
    assert all(len(r) == 7 and r[2] in ("end-user", "agent") for r in crow[1:])
    # tweets
    tw = {}
    with open(os.path.join(out, "tweets.jsonl"), encoding="utf-8") as f:
        for line in f:
            t = json.loads(line)
            assert t["in_response_to_tweet_id"] is None or t["in_response_to_tweet_id"] in tw
            if t["in_response_to_tweet_id"] is not None:
                assert parse(t["created_at"]) > parse(tw[t["in_response_to_tweet_id"]]["created_at"])
            tw[t["tweet_id"]] = t
    # tsv
    sent_texts = {}
    for name in ("cs-sentiment.tsv", "cs-sentiment-dev.tsv"):
        with open(os.path.join(out, name), encoding="utf-8") as f:
            rows = [l.rstrip("\n").split("\t") for l in f]
        assert rows[0] == ["label", "text"], name
        assert all(len(r) == 2 and r[0] in ("negative", "neutral", "positive") and r[1] for r in rows[1:]), name
        sent_texts[name] = [r[1] for r in rows[1:]]
        cnt = collections.Counter(r[0] for r in rows[1:])
        print("%-22s %4d rows  %s" % (name, len(rows) - 1, dict(cnt)))
    overlap = set(sent_texts["cs-sentiment.tsv"]) & set(sent_texts["cs-sentiment-dev.tsv"])
    if overlap:
        errors.append("test/dev overlap: %r" % sorted(overlap)[:5])
    for name in ("messages.txt", "hard-cases.txt"):
        with open(os.path.join(out, name), encoding="utf-8") as f:
            lines = f.read().split("\n")
        assert lines[-1] == "" and all(l.strip() for l in lines[:-1]), name
        print("%-22s %4d lines" % (name, len(lines) - 1))
    print("%-22s %4d conversations, %d messages (1-msg: %d, max %d)" % (
        "transcripts.jsonl", len(ids), sum(n_msgs), n_msgs.count(1), max(n_msgs)))
    print("%-22s %4d rows, %d tickets" % ("message-rows.csv", len(crow) - 1, len({r[0] for r in crow[1:]})))
    print("%-22s %4d tweets, %d threads" % ("tweets.jsonl", len(tw), sum(1 for t in tw.values() if t["in_response_to_tweet_id"] is None)))
    for e in errors:
        print("ERROR", e)
    return 1 if errors else 0


if __name__ == "__main__":
    main()
