// The floor under every painted figure: a trivial change (a few characters in a small box in a
// corner of the screen) to its next painted frame. What the answers take beyond this is theirs;
// this much is the WebView and the display (under Xvfb: software rendering) whatever the page does.
import { ROUNDS, report, run, timed } from './run.mjs';

const MAKE_BOX = `let el = document.getElementById('bench-floor');
  if (!el) {
    el = document.createElement('div');
    el.id = 'bench-floor';
    el.style.cssText = 'position:fixed;right:4px;bottom:4px;font:12px monospace;z-index:9999';
    document.body.appendChild(el);
  }
  return true;`;
const CHANGE = `document.getElementById('bench-floor').textContent = String(arg);`;
const CHANGED = `return document.getElementById('bench-floor').textContent === String(arg);`;

export async function benchFloor(app) {
  await run(app, MAKE_BOX, null);
  const samples = [];
  for (let i = 0; i < ROUNDS; i += 1) samples.push(await timed(app, CHANGE, CHANGED, i));
  await run(app, `document.getElementById('bench-floor')?.remove();`, null);
  report('floor', samples);
}
