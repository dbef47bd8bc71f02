"""Knowledge end to end: `strata ingest` (another process) writes a collection into the
server's database while it runs; the official openai client then asks with extra_body and
gets citations; the collections API searches with an ACL."""
import json
import os
import subprocess
import urllib.request

import openai


def ingest(paths, *extra):
    return subprocess.run(
        [os.environ["STRATA_BIN"], "ingest", *paths, "--collection", "e2e-kb", "--config", os.environ["STRATA_CONFIG"], *extra],
        capture_output=True, text=True, timeout=120,
    )


def post(base_url, path, body, key):
    request = urllib.request.Request(base_url + path, data=json.dumps(body).encode(), method="POST",
                                     headers={"Authorization": f"Bearer {key}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read())


def test_ingest_then_chat_with_citations(tmp_path, client, base_url, master_key):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "travel.md").write_text("# Travel policy\n\n## Trains\nEmployees travel by train for trips under 600 km.\n")
    (docs / "secret.md").write_text("# Board minutes\n\nThe acquisition code name is BLUEHERON.\n")
    (docs / "broken.json").write_text("{not json")

    first = ingest([str(docs / "travel.md"), str(docs / "broken.json")], "--create")
    assert first.returncode == 1, first.stderr  # the broken file fails, the rest goes in
    assert "broken.json:1" in first.stderr
    assert "1 documents added" in first.stdout
    restricted = ingest([str(docs / "secret.md")], "--group", "board", "--label", "confidential")
    assert restricted.returncode == 0, restricted.stderr
    again = ingest([str(docs / "travel.md")])
    assert again.returncode == 0 and "1 unchanged" in again.stdout, again.stdout

    answer = client.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "Should I take the train to a city 300 km away?"}],
        extra_body={"strata": {"knowledge": ["e2e-kb"], "k": 2}})
    citations = answer.model_extra["strata"]["citations"]
    assert citations[0]["document_id"].endswith("travel.md")
    assert citations[0]["index"] == 1

    # An app key without the board group never gets the board minutes, in search or in chat.
    status, key = post(base_url, "/admin/keys", {"name": "e2e-reader", "metadata": {"groups": "staff"}}, master_key)
    assert status == 201
    status, found = post(base_url, "/v1/strata/collections/e2e-kb/search", {"query": "acquisition code name", "k": 5}, key["key"])
    assert status == 200
    assert all("BLUEHERON" not in hit["text"] for hit in found["data"])
    reader = openai.OpenAI(base_url=base_url + "/v1", api_key=key["key"], max_retries=0)
    chat = reader.chat.completions.create(
        model="gpt-test", messages=[{"role": "user", "content": "What is the acquisition code name?"}],
        extra_body={"strata": {"knowledge": "e2e-kb"}})
    cited = [c["document_id"] for c in (chat.model_extra.get("strata") or {}).get("citations", [])]
    assert not any(d.endswith("secret.md") for d in cited)
    status, found = post(base_url, "/v1/strata/collections/e2e-kb/search", {"query": "acquisition code name", "k": 5}, master_key)
    assert any("BLUEHERON" in hit["text"] for hit in found["data"])
