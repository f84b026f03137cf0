#!/usr/bin/env python3
"""Generate a campaign list for the import benchmark (bench/import.sh).

    python3 bench/gen_import.py [LINES] > list.txt

Deterministic (fixed seed, Python standard library only). Of the lines:

- about 1 % are invalid: Instagram post/reel links, YouTube video links, TikTok
  short links, X pages that are not accounts, and non-http(s) schemes;
- about 30 % are duplicates of an account listed earlier, written in another form
  (twitter.com vs x.com vs mobile.twitter.com, /status/N sub-paths, @handle,
  t.me vs telegram.me, facebook.com vs m.facebook.com with periods and capitals, ...);
- the rest are distinct accounts across x, telegram, facebook, instagram, youtube,
  tiktok, reddit and other websites.

No line is repeated verbatim, so `sqlite3 .import` into a table with a unique index
on the line accepts every line; only flagwatch sees the duplicates.
A summary of the mix is written to stderr.
"""

import random
import sys

SEED = 20240229
DUPLICATE_SHARE = 0.30
INVALID_SHARE = 0.01

SYLLABLES = [
    "al", "ab", "ra", "ma", "sa", "di", "qa", "no", "um", "el", "ha", "ki", "ze",
    "lo", "fi", "tu", "ba", "ja", "mu", "ri", "sh", "ka", "wa", "ne", "yo", "in",
]
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz"


def base36(n):
    digits = ""
    while True:
        n, r = divmod(n, 36)
        digits = ALPHABET[r] + digits
        if n == 0:
            return digits


def name(rng, serial, max_len):
    """A unique, plausible name: a few letters, then the serial number in decimal (so
    no two serials give the same name)."""
    tag = str(serial)
    stem = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(1, 3)))
    stem = stem[: max(1, max_len - len(tag) - 1)]
    sep = rng.choice(["", "_", ""]) if max_len - len(stem) - len(tag) >= 1 else ""
    return (stem + sep + tag)[:max_len]


def capitalised(rng, s):
    """Some members paste names with capitals; the key is lowercase either way."""
    mode = rng.random()
    if mode < 0.2:
        return s.capitalize()
    if mode < 0.3:
        return s.upper()
    return s


# Each platform: how to make a fresh id, and the forms an account is written in.
# A form is a function (rng, id) -> line.

def x_forms():
    return [
        lambda r, h: f"https://twitter.com/{h}",
        lambda r, h: f"https://x.com/{h}",
        lambda r, h: f"x.com/{capitalised(r, h)}",
        lambda r, h: f"https://mobile.twitter.com/{h}/status/{r.randint(10**17, 10**19)}",
        lambda r, h: f"https://x.com/{h}/status/{r.randint(10**17, 10**19)}?s=20",
        lambda r, h: f"@{capitalised(r, h)}",
        lambda r, h: f"https://www.twitter.com/{h}?lang=en",
        lambda r, h: f"http://m.twitter.com/{h}/",
        lambda r, h: f"twitter.com/{capitalised(r, h)}/media",
    ]


def telegram_forms():
    return [
        lambda r, n: f"https://t.me/{n}",
        lambda r, n: f"t.me/{capitalised(r, n)}",
        lambda r, n: f"https://telegram.me/{n}",
        lambda r, n: f"https://t.me/s/{n}",
        lambda r, n: f"https://t.me/{n}/{r.randint(1, 99999)}",
        lambda r, n: f"telegram.dog/{n}",
    ]


def facebook_forms():
    def dotted(r, u):
        cut = r.randint(1, len(u) - 1)
        return u[:cut] + "." + u[cut:]

    return [
        lambda r, u: f"https://www.facebook.com/{u}",
        lambda r, u: f"https://m.facebook.com/{dotted(r, u)}",
        lambda r, u: f"facebook.com/{capitalised(r, u)}?ref=bookmarks",
        lambda r, u: f"https://fb.com/{u}/",
        lambda r, u: f"https://web.facebook.com/{dotted(r, u)}/about",
    ]


def instagram_forms():
    return [
        lambda r, u: f"https://www.instagram.com/{u}/",
        lambda r, u: f"instagram.com/{capitalised(r, u)}",
        lambda r, u: f"https://instagram.com/{u}?igshid={r.randint(10**6, 10**9)}",
        lambda r, u: f"https://www.instagram.com/stories/{u}/{r.randint(10**15, 10**18)}/",
    ]


def youtube_forms():
    return [
        lambda r, h: f"https://www.youtube.com/@{h}",
        lambda r, h: f"youtube.com/@{capitalised(r, h)}/videos",
        lambda r, h: f"https://m.youtube.com/@{h}/featured",
    ]


def tiktok_forms():
    return [
        lambda r, n: f"https://www.tiktok.com/@{n}",
        lambda r, n: f"tiktok.com/@{n}/video/{r.randint(10**17, 10**19)}",
        lambda r, n: f"https://m.tiktok.com/@{capitalised(r, n)}?lang=en",
    ]


def reddit_forms():
    return [
        lambda r, n: f"https://www.reddit.com/user/{n}",
        lambda r, n: f"https://old.reddit.com/u/{capitalised(r, n)}/",
        lambda r, n: f"reddit.com/user/{n}/comments",
    ]


def web_forms():
    return [
        lambda r, p: f"https://{p}",
        lambda r, p: f"https://www.{p}/",
        lambda r, p: f"http://{p}?utm_source={r.randint(1, 999)}",
        lambda r, p: f"{p}#top",
    ]


def web_id(r, serial):
    tld = r.choice(["org", "net", "info", "com"])
    return f"{name(r, serial, 20)}-news.{tld}/{r.choice(['blog', 'media', 'channel'])}/{base36(serial)}"


# (platform, weight, id generator, forms)
PLATFORMS = [
    ("x", 40, lambda r, s: name(r, s, 15), x_forms()),
    ("telegram", 20, lambda r, s: "t" + name(r, s, 20).rjust(5, "x"), telegram_forms()),
    ("facebook", 10, lambda r, s: "f" + name(r, s, 24).replace("_", "").rjust(5, "b"), facebook_forms()),
    ("instagram", 10, lambda r, s: name(r, s, 30), instagram_forms()),
    ("youtube", 7, lambda r, s: name(r, s, 30), youtube_forms()),
    ("tiktok", 6, lambda r, s: name(r, s, 24), tiktok_forms()),
    ("reddit", 4, lambda r, s: "r" + name(r, s, 19), reddit_forms()),
    ("web", 3, web_id, web_forms()),
]

INVALID = [
    lambda r: f"https://www.instagram.com/p/{base36(r.randint(10**9, 10**12))}/",
    lambda r: f"https://instagram.com/reel/{base36(r.randint(10**9, 10**12))}",
    lambda r: f"https://www.youtube.com/watch?v={base36(r.randint(10**9, 10**12))}",
    lambda r: f"https://vm.tiktok.com/{base36(r.randint(10**9, 10**12)).upper()}/",
    lambda r: f"ftp://files{r.randint(1, 10**9)}.example.org/list",
    lambda r: f"javascript:alert({r.randint(1, 10**9)})",
    lambda r: f"https://x.com/search?q=%23tag{r.randint(1, 10**9)}",
    lambda r: f"https://x.com/home?ref={r.randint(1, 10**9)}",
]


def main():
    total = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    rng = random.Random(SEED)
    weights = [p[1] for p in PLATFORMS]
    accounts = []  # (platform index, id)
    seen = set()
    out = sys.stdout
    counts = {"distinct": 0, "duplicate": 0, "invalid": 0}
    buf = []
    for _ in range(total):
        roll = rng.random()
        line = None
        if roll < INVALID_SHARE:
            kind = "invalid"
            while line is None or line in seen:
                line = rng.choice(INVALID)(rng)
        elif roll < INVALID_SHARE + DUPLICATE_SHARE and accounts:
            kind = "duplicate"
            for _attempt in range(20):
                p, ident = accounts[rng.randrange(len(accounts))]
                candidate = rng.choice(PLATFORMS[p][3])(rng, ident)
                if candidate not in seen:
                    line = candidate
                    break
        if line is None:
            kind = "distinct"
            p = rng.choices(range(len(PLATFORMS)), weights)[0]
            ident = PLATFORMS[p][2](rng, len(accounts))
            accounts.append((p, ident))
            line = PLATFORMS[p][3][0](rng, ident)
            while line in seen:  # a form that happens to repeat: use another
                line = rng.choice(PLATFORMS[p][3])(rng, ident)
        seen.add(line)
        counts[kind] += 1
        buf.append(line)
        if len(buf) >= 10_000:
            out.write("\n".join(buf) + "\n")
            buf.clear()
    if buf:
        out.write("\n".join(buf) + "\n")
    print(
        f"generated {total} lines: {counts['distinct']} distinct accounts, "
        f"{counts['duplicate']} duplicates in other forms, {counts['invalid']} invalid",
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
