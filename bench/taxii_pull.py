#!/usr/bin/env python3
"""Pull a whole TAXII 2.1 collection page by page, as an agency's scheduler does.

    taxii_pull.py BASE_URL API_ROOT COLLECTION SECRET LIMIT

Follows `next` from `objects/?limit=LIMIT` until `more` is false, over one keep-alive
connection (Python standard library only), checks that no object version is served twice
and that X-TAXII-Date-Added-First/-Last increase from page to page, and prints one line of
JSON: pages, objects, seconds (wall clock from the first request to the last answer),
objects per second, and the number of each object type.
"""

import base64
import http.client
import json
import sys
import time
import urllib.parse

ACCEPT = "application/taxii+json;version=2.1"


def main():
    base, root, collection, secret, limit = sys.argv[1:6]
    url = urllib.parse.urlsplit(base)
    conn = http.client.HTTPConnection(url.hostname, url.port, timeout=120)
    auth = base64.b64encode(f"bench:{secret}".encode()).decode()
    headers = {"Accept": ACCEPT, "Authorization": f"Basic {auth}"}
    path = f"/{root}/collections/{collection}/objects/"
    seen, types, pages, last_added = set(), {}, 0, ""
    query = {"limit": limit}
    started = time.monotonic()
    while True:
        conn.request("GET", f"{path}?{urllib.parse.urlencode(query)}", headers=headers)
        response = conn.getresponse()
        body = response.read()
        if response.status != 200:
            sys.exit(f"page {pages + 1}: HTTP {response.status}: {body[:300]!r}")
        page = json.loads(body)
        pages += 1
        first = response.getheader("X-TAXII-Date-Added-First", "")
        if first and first <= last_added:
            sys.exit(f"page {pages}: date added {first} does not follow {last_added}")
        last_added = response.getheader("X-TAXII-Date-Added-Last", last_added)
        for obj in page.get("objects", []):
            version = (obj["id"], obj.get("modified", ""))
            if version in seen:
                sys.exit(f"page {pages}: {version} served twice")
            seen.add(version)
            types[obj["type"]] = types.get(obj["type"], 0) + 1
        if not page.get("more"):
            break
        query = {"limit": limit, "next": page["next"]}
    seconds = time.monotonic() - started
    print(json.dumps({
        "pages": pages,
        "objects": len(seen),
        "seconds": round(seconds, 3),
        "objects_per_second": round(len(seen) / seconds),
        "types": types,
    }))


if __name__ == "__main__":
    main()
