"""``python -m lexmachina demo``: the getting-started flow against the fake server.

It starts :class:`lexmachina.testing.FakeLexMachina` on 127.0.0.1, asks it
for a token exactly as the AuthorizationApi document shows, then calls the
health endpoint with that token. Nothing leaves this machine.
"""

from __future__ import annotations

from typing import TextIO

DEMO_CLIENT_ID = "demo-client"
DEMO_CLIENT_SECRET = "demo-secret-change-me"


def run_demo(out: TextIO) -> int:
    """Run the demo, printing to ``out``; return the process exit code."""
    import lexmachina
    from lexmachina._auth import shorten_token
    from lexmachina.testing import FakeLexMachina

    with FakeLexMachina(clients={DEMO_CLIENT_ID: DEMO_CLIENT_SECRET}) as fake:
        print(f"Fake Lex Machina API listening at {fake.url}", file=out)
        configuration = lexmachina.Configuration(host=fake.url)
        with lexmachina.ApiClient(configuration) as api_client:
            auth = lexmachina.AuthorizationApi(api_client)
            token = auth.oauth2_token(
                client_id=DEMO_CLIENT_ID,
                client_secret=DEMO_CLIENT_SECRET,
                grant_type="client_credentials",
            )
            print(f"AuthorizationApi.oauth2_token -> {token!r}", file=out)

            configuration.access_token = token["access_token"]
            health = lexmachina.StatusApi(api_client).get_health()
            print(f"StatusApi.get_health -> {health!r}", file=out)
            shown = shorten_token(token["access_token"])
            print(f"Token {shown} accepted; the SDK works end to end.", file=out)
    return 0
