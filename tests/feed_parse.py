"""Read an Atom feed on stdin with feedparser (PyPI) and print what it found as JSON;
exit 1 when feedparser calls it malformed ("bozo") or not Atom 1.0."""
import json
import sys

import feedparser

feed = feedparser.parse(sys.stdin.buffer.read())
if feed.bozo or feed.version != "atom10":
    print(f"not valid Atom: version={feed.version!r} bozo={feed.get('bozo_exception')!r}", file=sys.stderr)
    sys.exit(1)
print(json.dumps({
    "title": feed.feed.get("title"),
    "language": feed.feed.get("language"),
    "entries": [
        {
            "id": e.get("id"),
            "title": e.get("title"),
            "link": e.get("link"),
            "updated": e.get("updated"),
            "related": [l.get("href") for l in e.get("links", []) if l.get("rel") == "related"],
        }
        for e in feed.entries
    ],
}))
