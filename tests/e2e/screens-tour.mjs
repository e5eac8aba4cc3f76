// What a screenshot part's run starts with (screens-care.mjs, screens-reports.mjs): the app on a
// blank database with the test clock, the first-run screen up, the language set, toasts hidden
// (they cover what is being shot), and a `step` that logs and saves a failed step's page instead
// of ending the run, so one broken screen does not cost the others.
import { launchApp } from './harness.mjs';
import { useTestClock } from './care/care.mjs';

export async function startTour(part, variant, { setLocale, log }) {
  const app = await launchApp({
    name: `screens-${part}-${variant.lang}-${variant.size}`,
    screen: variant.size,
    beforeStart: useTestClock(),
  });
  const step = async (label, fn) => {
    try {
      await fn();
    } catch (err) {
      log(`${variant.lang}-${variant.size} ${part} ${label}: FAILED ${err.message}`);
      await app.saveFailure(`${part}-${label}`);
    }
  };
  try {
    await app.waitVisible('owner-name', 30_000);
    await setLocale(app, variant.lang);
    await app.driver.executeScript(`const s = document.createElement('style');
      s.textContent = '.toast { visibility: hidden !important; }'; document.head.append(s);`);
  } catch (err) {
    await endTour(app);
    throw err;
  }
  return { app, step };
}

/** Closes the tour's app and forgets its test clock. */
export async function endTour(app) {
  delete process.env.SALONDESK_TEST_CLOCK_FILE;
  await app.close();
}
