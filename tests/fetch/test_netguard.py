"""SSRF guard: refusals happen before any connection; redirects and rebinding are checked."""

from __future__ import annotations

import dataclasses
import ipaddress
import re
import socket

import pytest
from pytest_httpserver import HTTPServer

from claimcheck.errors import FetchError
from claimcheck.inputs import netguard
from claimcheck.inputs.fetch import FetchOptions, fetch_page

PUBLIC = "93.184.216.34"


@pytest.fixture()
def guarded(options: FetchOptions) -> FetchOptions:
    """The test options with the guard on (the default)."""
    return dataclasses.replace(options, allow_private_hosts=False)


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("127.0.0.1", "a loopback address"),
        ("::1", "a loopback address"),
        ("169.254.169.254", "a link-local address"),
        ("fe80::1", "a link-local address"),
        ("10.0.0.1", "a private address"),
        ("192.168.1.10", "a private address"),
        ("fd00::1", "a private address"),
        ("224.0.0.1", "a multicast address"),
        ("0.0.0.0", "an unspecified address"),
        ("240.0.0.1", "a reserved address"),
        ("100.64.0.1", "not a public address"),
        ("::ffff:127.0.0.1", "a loopback address"),
        (PUBLIC, None),
        ("2606:4700::1111", None),
    ],
)
def test_address_classification(address: str, problem: str | None) -> None:
    assert netguard.address_problem(ipaddress.ip_address(address)) == problem


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:8000/x", "refused: 127.0.0.1 is a loopback address "
                                    "(use --allow-private-hosts to allow)"),
        ("http://169.254.169.254/latest/meta-data/", "refused: 169.254.169.254 is a link-local"),
        ("http://10.0.0.1/admin", "refused: 10.0.0.1 is a private address"),
        ("http://[::1]:8080/", "refused: ::1 is a loopback address"),
        ("http://localhost/", "refused: localhost resolves to "),
        ("file:///etc/passwd", "refused: scheme 'file' is not http or https"),
        ("ftp://example.com/file.txt", "refused: scheme 'ftp' is not http or https"),
        ("http:///nohost", "refused: no host name in the URL"),
    ],
)
def test_refused_before_connecting(guarded: FetchOptions, no_network: list[object],
                                   url: str, reason: str) -> None:
    with pytest.raises(FetchError) as info:
        fetch_page(url, guarded)
    assert str(info.value).startswith(f"{url}: {reason}")
    assert no_network == []


def test_exact_message_for_loopback(guarded: FetchOptions, no_network: list[object]) -> None:
    with pytest.raises(FetchError) as info:
        fetch_page("http://127.0.0.1:8000/x", guarded)
    assert str(info.value) == ("http://127.0.0.1:8000/x: refused: 127.0.0.1 is a loopback "
                               "address (use --allow-private-hosts to allow)")


def test_name_resolving_to_metadata_address(guarded: FetchOptions, no_network: list[object],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(netguard, "resolve", lambda host, port: ["169.254.169.254"])
    with pytest.raises(FetchError, match=re.escape(
            "refused: metadata.example resolves to 169.254.169.254, which is a link-local")):
        fetch_page("http://metadata.example/latest", guarded)
    assert no_network == []


def test_redirect_to_loopback_is_refused(httpserver: HTTPServer, guarded: FetchOptions,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    # "localhost" plays a public site: its DNS answer and its peer check say it is public.
    monkeypatch.setattr(netguard, "resolve", lambda host, port: [PUBLIC])
    monkeypatch.setattr(netguard, "check_peer", lambda host, sock: None)
    target = httpserver.url_for("/secret")  # http://127.0.0.1:<port>/secret
    httpserver.expect_request("/start").respond_with_data(
        "", status=302, headers={"Location": target})
    httpserver.expect_request("/secret").respond_with_data("internal data")
    start = f"http://localhost:{httpserver.port}/start"
    with pytest.raises(FetchError) as info:
        fetch_page(start, guarded)
    assert str(info.value) == (
        f"{start}: refused: 127.0.0.1 is a loopback address (use --allow-private-hosts to "
        f"allow) (redirected to {target})")
    assert [req.path for req, _ in httpserver.log] == ["/start"]


def test_dns_rebinding_is_caught_at_connect(httpserver: HTTPServer, guarded: FetchOptions,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    # The check sees a public answer; the connection then reaches 127.0.0.1 (a rebind).
    monkeypatch.setattr(netguard, "resolve", lambda host, port: [PUBLIC])
    httpserver.expect_request("/x").respond_with_data("internal data")
    url = f"http://localhost:{httpserver.port}/x"
    with pytest.raises(FetchError, match=re.escape(
            "refused: localhost connected to 127.0.0.1, which is a loopback address")):
        fetch_page(url, guarded)
    assert httpserver.log == []  # no request was sent


def test_allow_private_hosts_opts_in(httpserver: HTTPServer, options: FetchOptions) -> None:
    httpserver.expect_request("/x").respond_with_data("ok", content_type="text/plain")
    assert fetch_page(httpserver.url_for("/x"), options).body == b"ok"


def test_check_peer_closes_the_socket() -> None:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    client = socket.create_connection(server.getsockname())
    try:
        with pytest.raises(netguard.BlockedAddressError, match=r"127\.0\.0\.1 is a loopback"):
            netguard.check_peer("example.test", client)
        assert client.fileno() == -1
    finally:
        client.close()
        server.close()
