"""scripts/report.py's page in a real browser: Debian's headless Chromium through
chromedriver (python3-selenium). The page renders with no console error and no network
request, switches between bodies and tiers, and the numbers it shows on hover are the
results file's."""

import os
import re
import shutil
import subprocess
import sys

import h5py
import numpy as np
import pytest

from conftest import SOURCE, cli, scenario_path

# Not importorskip: scripts/setup.sh installs selenium, so its absence is a failure.
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

CHROMEDRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"


@pytest.fixture(scope="module")
def browser():
    options = webdriver.ChromeOptions()
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--window-size=1200,2000"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    service = Service(executable_path=CHROMEDRIVER)
    driver = webdriver.Chrome(service=service, options=options)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def page(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("report")
    out = tmp / "mazhilis.h5"
    cli("run", scenario_path("kz", "mazhilis-2023.toml"), "-n", 20000, "--seed", 8, "-q",
        "-o", out)
    html = tmp / "report.html"
    p = subprocess.run([sys.executable, os.path.join(SOURCE, "scripts", "report.py"), str(out),
                        "-o", str(html)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return out, html


def errors(driver):
    return [e for e in driver.get_log("browser") if e["level"] in ("SEVERE", "ERROR")]


def test_the_page_renders_without_errors_or_network(browser, page):
    _, html = page
    text = html.read_text()
    assert not re.search(r"""(src|href)=["']https?://""", text)  # nothing to fetch
    browser.get(html.as_uri())
    assert browser.find_element(By.TAG_NAME, "body").get_attribute("data-explorer") == "ready"
    assert errors(browser) == []
    requests = [e for e in browser.get_log("performance") if "Network.requestWillBeSent" in
                e["message"] and '"url":"http' in e["message"]]
    assert requests == []
    assert browser.find_elements(By.CSS_SELECTOR, "#chart rect.bar")


def test_hovered_bars_show_the_files_probabilities(browser, page):
    out, html = page
    browser.get(html.as_uri())
    with h5py.File(out) as f:
        options = [o.decode() for o in f["options"][()]]
        draws = int(f.attrs["draws"])
        total = f["mazhilis/seats_total"][()] / draws
        tiers = {t.decode(): f[f"mazhilis/tiers/{t.decode()}/seats"][()] / draws
                 for t in f["mazhilis/tier_order"][()]}
    view = Select(browser.find_element(By.ID, "view"))
    labels = [o.text for o in view.options]
    assert len(labels) == 1 + len(tiers)  # the body's total and each tier
    checked = 0
    for v, label in enumerate(labels):
        view.select_by_index(v)
        want = total if v == 0 else tiers[list(tiers)[v - 1]]
        option = Select(browser.find_element(By.ID, "option"))
        for k in range(min(3, len(option.options))):
            option.select_by_index(k)
            bars = browser.find_elements(By.CSS_SELECTOR, "#chart rect.bar")
            assert bars
            for bar in bars:  # every bar's value is the file's
                o = options.index(bar.get_attribute("data-option"))
                s = int(bar.get_attribute("data-seats"))
                assert float(bar.get_attribute("data-p")) == pytest.approx(want[o, s], abs=1e-9)
            # The tallest bar, hovered: the text shown is the file's probability.
            tallest = max(bars, key=lambda b: float(b.get_attribute("data-p")))
            ActionChains(browser).move_to_element(tallest).perform()
            tip = browser.find_element(By.ID, "tip")
            o = options.index(tip.get_attribute("data-option"))
            s = int(tip.get_attribute("data-seats"))
            shown = float(re.search(r"([0-9.]+)%$", tip.text).group(1))
            assert shown == pytest.approx(100 * want[o, s], abs=0.005)
            assert f"{s} seats" in tip.text
            checked += 1
    assert checked >= 3
    assert errors(browser) == []
