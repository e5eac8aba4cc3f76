// Steps on updates from the chain's server (README "Updates"), for end-to-end tests. Each takes
// the harness's App. The harness's store is in no chain, so no check is ever made: the steps read
// what Settings → About says; the "ready" banner needs an https server offering a signed release,
// which the harness has not (the route and the signature are tested in tests/sync).

/** Settings → About, the updates line: its text, whether a "ready" banner shows, and any error. */
export async function readUpdateStatus(app) {
  await app.click('nav-settings');
  // "…" until the shell has answered update_status.
  const text = await app.waitFor(
    async () => {
      const t = await app.text('update-status');
      return t !== '…' ? t : null;
    },
    async () => 'expected Settings → About to show the update state',
  );
  return {
    text,
    ready: (await app.visible('update-ready')) !== null,
    error: (await app.visible('update-error')) !== null ? await app.text('update-error') : null,
  };
}
