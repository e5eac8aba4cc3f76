// The harness itself on the real app: a session starts, the app gets its own database path,
// typing (Chinese included) and screenshots work, and teardown leaves no process behind.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';
import { launchApp } from './harness.mjs';

test('harness: the app starts under WebDriver and teardown leaves nothing running', { timeout: 90_000 }, async () => {
  const app = await launchApp({ name: 'harness' });
  let tree = [];
  try {
    await app.step('app-started', async () => {
      const state = await app.driver.executeScript('return document.readyState');
      assert.equal(state, 'complete', `expected the app's page to have loaded (readyState "complete"), saw ${JSON.stringify(state)}`);
    });

    tree = app.processes();
    const names = tree.map((p) => p.comm);
    assert.ok(names.includes('WebKitWebDriver'), `expected WebKitWebDriver under tauri-driver, saw [${names.join(', ')}]`);
    const appProc = tree.find((p) => p.comm === 'salondesk');
    assert.ok(appProc, `expected the salondesk process under tauri-driver, saw [${names.join(', ')}]`);
    const env = fs.readFileSync(`/proc/${appProc.pid}/environ`, 'utf8').split('\0');
    assert.ok(env.includes(`SALONDESK_DB=${app.dbPath}`),
      `expected the app to run with SALONDESK_DB=${app.dbPath}, saw ${env.find((v) => v.startsWith('SALONDESK_DB=')) ?? 'no SALONDESK_DB'}`);

    await app.step('typing', async () => {
      // A scratch input added to the page: proves key events and the script fallback work in
      // this WebKit, independently of any screen of the app.
      await app.driver.executeScript(`
        const input = document.createElement('input');
        input.dataset.testid = 'e2e-scratch';
        input.style.cssText = 'position:fixed;top:8px;left:8px;z-index:99999;font-size:20px';
        document.body.appendChild(input);`);
      await app.type('e2e-scratch', '王丽娜 wln 5678');
      const typed = await app.value('e2e-scratch');
      assert.equal(typed, '王丽娜 wln 5678', `expected the scratch input to hold "王丽娜 wln 5678", saw ${JSON.stringify(typed)}`);
      await app.clear('e2e-scratch');
      const cleared = await app.value('e2e-scratch');
      assert.equal(cleared, '', `expected the scratch input to be empty after clear, saw ${JSON.stringify(cleared)}`);
      await app.type('e2e-scratch', '店主 Owner');

    });
  } finally {
    await app.close();
  }
  const left = tree.filter((p) => fs.existsSync(`/proc/${p.pid}`));
  assert.deepEqual(left, [], `expected no process of the run left after teardown, saw ${JSON.stringify(left)}`);
});
