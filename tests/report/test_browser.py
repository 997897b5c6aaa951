"""The report in a real headless browser (Debian's chromium, or Chrome /
chromium-headless-shell): it loads offline from a file:// URL, the DOM has
every section and chart, nothing is refused by the page's CSP, and the
screenshot is not blank. Skipped, saying why, when no browser is installed.
``WIREFEED_BROWSER=/path/to/chrome`` picks a browser explicitly."""
import os
import pathlib
import shutil
import subprocess

import pytest

from pipeline.report import write_report

from .test_report import CHARTS, SECTIONS

BROWSERS = ('chromium', 'chromium-browser', 'chromium-headless-shell',
            'headless_shell', 'google-chrome', 'google-chrome-stable')


def find_browser():
    explicit = os.environ.get('WIREFEED_BROWSER')
    if explicit:
        return shutil.which(explicit) or explicit
    for name in BROWSERS:
        path = shutil.which(name)
        if path:
            return path
    return None


def png_content(path):
    """(width, height, share of pixels that are not the page background)."""
    from PIL import Image
    with Image.open(path) as im:
        rgb = im.convert('RGB')
        w, h = rgb.size
        colors = rgb.getcolors(maxcolors=w * h)
    background = max(colors)[0]
    return w, h, 1 - background / (w * h)


def browser_cmd(exe, profile, *args):
    cmd = [exe, '--headless', '--disable-gpu', '--no-first-run',
           '--no-default-browser-check', '--disable-extensions',
           '--hide-scrollbars', '--enable-logging=stderr', '--v=0',
           f'--user-data-dir={profile}', '--window-size=1280,2400']
    if hasattr(os, 'geteuid') and os.geteuid() == 0:
        cmd.append('--no-sandbox')   # chromium refuses to run as root else
    return cmd + list(args)


@pytest.fixture(scope='module')
def browser():
    exe = find_browser()
    if not exe:
        pytest.skip('chromium not installed: none of ' + ', '.join(BROWSERS)
                    + ' is on PATH (apt-get install chromium, or set '
                    'WIREFEED_BROWSER) - the headless render check did not run')
    return exe


def test_report_renders_in_headless_chromium(browser, output_dir, tmp_path):
    page = tmp_path / 'report.html'
    write_report(output_dir, str(page))
    uri = page.resolve().as_uri()
    shot = tmp_path / 'shot.png'
    run = subprocess.run(
        browser_cmd(browser, tmp_path / 'profile', f'--screenshot={shot}', uri),
        capture_output=True, text=True, timeout=180)
    assert run.returncode == 0, run.stderr[-2000:]
    assert shot.exists(), run.stderr[-2000:]
    w, h, ink = png_content(shot)
    assert (w, h) == (1280, 2400)
    assert ink > 0.02, f'screenshot is blank ({ink:.2%} non-background)'
    # The page has no script: any console message (a CSP violation such as
    # a blocked fetch, a parse error) means something is wrong.
    errors = [line for line in run.stderr.splitlines()
              if ':CONSOLE' in line or 'Content Security Policy' in line
              or 'Refused to' in line or 'Uncaught' in line]
    assert not errors, errors

    dom = subprocess.run(
        browser_cmd(browser, tmp_path / 'profile2', '--dump-dom', uri),
        capture_output=True, text=True, timeout=180)
    assert dom.returncode == 0, dom.stderr[-2000:]
    for title in SECTIONS:
        assert title in dom.stdout
    assert dom.stdout.count('<svg') == CHARTS
    assert '<script' not in dom.stdout.lower()


def test_png_check_tells_blank_from_drawn(tmp_path):
    """The screenshot check itself, without a browser."""
    from PIL import Image, ImageDraw
    blank = tmp_path / 'blank.png'
    Image.new('RGB', (200, 100), 'white').save(blank)
    assert png_content(blank) == (200, 100, 0)
    drawn = tmp_path / 'drawn.png'
    im = Image.new('RGB', (200, 100), 'white')
    ImageDraw.Draw(im).rectangle([10, 10, 60, 60], fill='#4e79a7')
    im.save(drawn)
    assert png_content(drawn)[2] > 0.1


def test_browser_lookup_honours_override(monkeypatch):
    monkeypatch.setenv('WIREFEED_BROWSER', '/opt/custom/chrome')
    assert find_browser() == '/opt/custom/chrome'
    monkeypatch.delenv('WIREFEED_BROWSER')
    monkeypatch.setenv('PATH', str(pathlib.Path(__file__).parent))
    assert find_browser() is None
