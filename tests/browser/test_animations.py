"""The animations, played by a real browser.

Each animated SVG of the built site is opened on its own and its SMIL clock
is set to the middle of every frame slot (``setCurrentTime``): exactly one
frame group must show, the right one, with the output numbers computed so
far; after the last frame the loop must start again. With reduced motion the
file must stand still on its last frame, every number shown.
"""

import pytest

from snippets import animations as an

ANIMS = an.registry()

# What shows at each of the times given (seconds on the SMIL clock), read
# in one call: which frame groups, and how many numbers are revealed.
STATES = """times => times.map(t => {
  const svg = document.documentElement;
  svg.pauseAnimations();
  svg.setCurrentTime(t);
  const shown = g => getComputedStyle(g).visibility === 'visible';
  const frames = [...document.querySelectorAll('g.f')];
  return {
    frames: frames.map((g, i) => shown(g) ? i : -1).filter(i => i >= 0),
    reveals: [...document.querySelectorAll('g.r')].filter(shown)
      .reduce((n, g) => n + g.querySelectorAll('text').length, 0),
  };
})"""


def expected_reveals(scene, frame):
    return sum(1 for k, _ in scene.reveals if k <= frame)


@pytest.mark.parametrize("name", sorted(ANIMS))
@pytest.mark.parametrize("theme", ["light", "dark"])
def test_every_frame_shows_in_turn_and_the_loop_restarts(browser, site_url, name, theme):
    anim = ANIMS[name]
    scene = anim.scene(an.PALETTES[theme])
    n = len(scene.frames)
    slot = anim.frame_ms / 1000
    cycle = (n - 1 + 5) * slot                      # to_svg's default hold
    moving, _ = an.file_names(name, theme)
    context = browser.new_context(reduced_motion="no-preference")
    page = context.new_page()
    try:
        page.goto(f"{site_url}figures/{moving}")
        # the middle of every frame's slot; the last frame holding to the end
        # of the cycle; then frame 0 again, twice over
        times = [(k + 0.5) * slot for k in range(n)] + [cycle - slot / 2] + [
            loop * cycle + slot / 2 for loop in (1, 2)]
        states = page.evaluate(STATES, times)
        for k in range(n):
            assert states[k] == {"frames": [k], "reveals": expected_reveals(scene, k)}, k
        assert states[n]["frames"] == [n - 1]
        for state in states[n + 1:]:
            assert state == {"frames": [0], "reveals": expected_reveals(scene, 0)}
    finally:
        context.close()


@pytest.mark.parametrize("name", sorted(ANIMS))
def test_reduced_motion_holds_the_last_frame(browser, site_url, name):
    anim = ANIMS[name]
    scene = anim.scene(an.PALETTES["light"])
    moving, _ = an.file_names(name, "light")
    context = browser.new_context(reduced_motion="reduce")
    page = context.new_page()
    try:
        page.goto(f"{site_url}figures/{moving}")
        for state in page.evaluate(STATES, [0.1, 3.3, 100.0]):
            assert state == {
                "frames": [len(scene.frames) - 1], "reveals": len(scene.reveals)}
    finally:
        context.close()
