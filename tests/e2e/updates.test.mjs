// Updates on the real app: Settings → About shows the updater's state from the shell (a till in
// no chain has nothing to ask, and no banner offers a version).
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { launchApp } from './harness.mjs';
import { readUpdateStatus } from './data/updates.mjs';

describe('updates: Settings → About', { timeout: 120_000 }, () => {
  let app = null;
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });

  test('about-shows-the-update-state', async () => {
    app = await launchApp({ name: 'updates' });
    await app.createOwner({ name: '更新店主', pin: '258046' });
    const status = await readUpdateStatus(app);
    assert.equal(status.error, null, `the shell answers update_status: ${status.error}`);
    assert.ok(/Not checked yet|尚未检查更新/.test(status.text), `no check yet in the first 90 s: ${status.text}`);
    assert.equal(status.ready, false, 'nothing is offered to a till in no chain');
    await app.screenshot('settings-about');
  });
});
