// The member list on the real app and a blank database: the owner loads demo members, the list
// counts them all, filters that combine narrow the count, a filter is saved as a segment a
// campaign can pick, a listed member opens her profile, and the segment exports to Excel with as
// many rows as the list counted. The steps live in care/segments.mjs for issue 17's story.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { launchApp, scenario } from './harness.mjs';
import {
  clearFilters, exportSegment, filterMembers, listedNames, openListedMember, openMemberList, saveSegment,
} from './care/segments.mjs';

const OWNER = { name: '林店主', pin: '258046' };
const MEMBERS = 60;

describe('member list: filters, a saved segment, export', { timeout: 300_000 }, () => {
  let app = null;
  let all = 0;
  let gold = 0;
  before(async () => {
    app = await launchApp({ name: 'segments' });
  }, { timeout: 60_000 });
  after(async () => {
    await app?.close();
  }, { timeout: 60_000 });
  const step = scenario(test, () => app);

  step('owner-and-demo-members', async () => {
    await app.createOwner(OWNER);
    await app.loadDemoData(MEMBERS);
  });

  step('all-members-counted', async () => {
    all = await openMemberList(app);
    assert.ok(all >= MEMBERS, `every demo member is on the list (${all}; the salon's own demo members may add some)`);
  });

  step('filters-combine', async () => {
    const silverOrGold = await filterMembers(app, { tiers: ['silver', 'gold'] });
    gold = await filterMembers(app, { consent: 'yes' });
    assert.ok(gold <= silverOrGold && silverOrGold <= all, `each filter narrows: ${all} ≥ ${silverOrGold} ≥ ${gold}`);
    const names = await listedNames(app);
    assert.equal(names.length, Math.min(gold, 50), 'the first page shows what the count says, up to 50');
  });

  step('saved-segment', async () => {
    await saveSegment(app, { name: '银卡金卡已授权' });
    assert.equal(await clearFilters(app), all, 'cleared: everyone again');
  });

  step('export-and-profile', async () => {
    const n = await filterMembers(app, { tiers: ['silver', 'gold'], consent: 'yes' });
    assert.equal(n, gold, 'the same filters, the same count');
    const done = await exportSegment(app, 'xlsx');
    assert.equal(done.rows, n, 'the export holds the members the list counted');
    assert.equal(done.masked, false, 'the owner sees everything');
    const [first] = await listedNames(app);
    if (first) {
      await openListedMember(app, first);
      assert.equal(await app.text('profile-name'), first, 'a row opens her profile');
    }
  });
});
