"""Drive flagwatch's TAXII 2.1 server with the OASIS client (taxii2-client), for
tests/it/taxii.rs. Usage: taxii_client.py <phase> <json settings>; prints a JSON result
and exits non-zero (with the failed assertion) when the server misbehaves."""

import json
import sys

import requests
from taxii2client.v21 import Server, Collection, as_pages
from taxii2client.common import TokenAuth

MEDIA = "application/taxii+json;version=2.1"


def status_of(call):
    try:
        call()
    except requests.exceptions.HTTPError as e:
        return e.response.status_code
    return 200


def collection_by_title(root, title):
    return next(c for c in root.collections if c.title == title)


def paged_ids(collection, **filters):
    ids = []
    objects = []
    for envelope in as_pages(collection.get_objects, per_request=2, **filters):
        for o in envelope.get("objects", []):
            ids.append((o["id"], o.get("modified", "")))
            objects.append(o)
    return ids, objects


def pull_after(url, secret, added_after):
    """Incremental pull as an agency's scheduler does it: by the last X-TAXII-Date-Added-Last."""
    params = {"limit": "3"}
    if added_after:
        params["added_after"] = added_after
    seen, last = [], added_after
    while True:
        r = requests.get(url + "objects/", params=params, headers={"Accept": MEDIA}, auth=("agency", secret))
        r.raise_for_status()
        objects = r.json().get("objects", [])
        if not objects:
            return seen, last
        seen += [(o["id"], o.get("modified", ""), o.get("revoked", False)) for o in objects]
        last = r.headers["X-TAXII-Date-Added-Last"]
        params["added_after"] = last


def main():
    phase, settings = sys.argv[1], json.loads(sys.argv[2])
    base, agency, public, revoked = settings["base"], settings["agency"], settings["public"], settings["revoked"]
    result = {}
    if phase == "pull":
        assert status_of(lambda: Server(base + "/taxii2/").refresh()) == 401, "no credentials: 401"
        assert status_of(lambda: Server(base + "/taxii2/", user="x", password=revoked).refresh()) == 401, "revoked: 401"
        r = requests.get(base + "/taxii2/", headers={"Accept": "application/json"}, auth=("x", agency))
        assert r.status_code == 406, r.status_code
        assert r.json()["http_status"] == "406" and r.json()["title"], r.text

        server = Server(base + "/taxii2/", user="Agency X", password=agency)
        assert len(server.api_roots) == 1, server.api_roots
        root = server.default
        assert root.versions == [MEDIA], root.versions
        titles = sorted(c.title for c in root.collections)
        assert titles == ["held", "report-now"], titles

        report_now = collection_by_title(root, "report-now")
        ids, objects = paged_ids(report_now)
        assert len(ids) == settings["report_now_objects"], (len(ids), ids)
        assert len(set(ids)) == len(ids), "an object was served twice"
        manifest = report_now.get_manifest()
        assert len(manifest.get("objects", [])) == settings["report_now_objects"], manifest
        one = report_now.get_object(ids[-1][0])
        assert one["objects"][0]["id"] == ids[-1][0], one
        versions = report_now.object_versions(ids[-1][0])
        assert versions["versions"] == [ids[-1][1]], versions

        held = collection_by_title(root, "held")
        held_ids, held_objects = paged_ids(held)
        assert len(held_ids) == settings["held_objects"], held_ids
        reports = [o for o in objects + held_objects if o["type"] == "report"]
        assert all(o["object_marking_refs"] for o in reports)

        # Token authentication, as the OASIS client sends it; report-now only.
        token_root = Server(base + "/taxii2/", auth=TokenAuth(public)).default
        assert [c.title for c in token_root.collections] == ["report-now"]
        held_url = "%s/%s/collections/%s/" % (base, settings["guild"], held.id)
        assert status_of(lambda: Collection(held_url, auth=TokenAuth(public)).refresh()) == 404, "held hidden: 404"
        assert status_of(lambda: Collection(held_url + "x/", user="x", password=agency).refresh()) == 404

        # A next token is bound to its query.
        first = report_now.get_objects(limit=2)
        assert first["more"] and first["next"], first
        assert status_of(lambda: report_now.get_objects(limit=2, next=first["next"], type="report")) == 400

        seen, last = pull_after(report_now.url, agency, None)
        assert len(seen) == settings["report_now_objects"], seen
        held_seen, held_last = pull_after(held.url, agency, None)
        with open(settings["bundle"], "w") as out:
            json.dump({"type": "bundle", "id": "bundle--6d1a4f3e-2c67-4b7a-9a43-0e0f7c1d2b3a",
                       "objects": objects + held_objects}, out)
        result = {"report_now_url": report_now.url, "held_url": held.url, "last": last, "held_last": held_last}
    elif phase == "after_release":
        seen, _ = pull_after(settings["report_now_url"], agency, settings["last"])
        assert len(seen) == 2, seen
        assert sorted(s[0].split("--")[0] for s in seen) == ["report", "user-account"], seen
        held_seen, _ = pull_after(settings["held_url"], agency, settings["held_last"])
        assert len(held_seen) == 1 and held_seen[0][2] is True, held_seen
        report = Collection(settings["held_url"], user="x", password=agency).get_object(held_seen[0][0])
        assert report["objects"][0]["revoked"] is True, report
        versions = Collection(settings["held_url"], user="x", password=agency).object_versions(held_seen[0][0])
        assert len(versions["versions"]) == 2, versions
        result = {"new": len(seen)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
