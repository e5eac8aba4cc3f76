// Permission steps for end-to-end tests of the real app. Each takes the harness's `app`
// (tests/e2e/harness.mjs: it holds the WebDriver `app.driver` and finds elements by data-testid)
// and waits until its step has visibly happened.
//
//   approveWithManagerPin(app, { approverName, pin })    the open approval dialog, approved
//   expectApprovalRefused(app, code)                      its PIN error says `code` (wrong_pin, …)
//   revealSensitiveNotes(app, { reason, text })           on a member's profile: "Show (reason)"
//   openPermissionMatrix(app)                             Settings → Who may do what
//   mayInMatrix(app, permission, role)                    → true/false, as the matrix shows it
import assert from 'node:assert/strict';
import { By } from 'selenium-webdriver';

/**
 * In the approval dialog (a refund, a void, a manual discount, a typed price, a large pay-out):
 * picks the approver by name, types her PIN and submits; waits until the dialog closed (the core
 * checked the PIN for that one action and the action went through with its single-use token).
 */
export async function approveWithManagerPin(app, { approverName, pin }) {
  await app.waitVisible('approval-dialog');
  await app.chooseByText('approval-manager', approverName);
  await app.type('approval-pin', pin);
  await app.click('approval-submit');
  await app.waitHidden('approval-dialog', 20_000);
}

/** The approval dialog stays open with the PIN error `code` (wrong_pin, locked_out, forbidden). */
export async function expectApprovalRefused(app, code) {
  await app.waitVisible('approval-pin-error');
  const el = await app.byTestId('approval-pin-error');
  assert.equal(await el.getAttribute('data-code'), code, `the approval was refused with ${code}`);
}

/**
 * On a member's profile whose skin type, allergies and notes are hidden from this staff member:
 * gives the reason (`serving_now`, `allergy_check`, or `other` with `text`) and shows them (the
 * core records the viewing in the audit log). Waits for the allergies row.
 */
export async function revealSensitiveNotes(app, { reason = 'allergy_check', text = '' } = {}) {
  await app.waitVisible('sensitive-hidden');
  await app.choose('sensitive-reason', reason);
  if (reason === 'other') await app.type('sensitive-reason-text', text);
  await app.click('sensitive-show');
  await app.waitVisible('profile-allergies', 20_000);
}

/** Settings, scrolled to the permission matrix. */
export async function openPermissionMatrix(app) {
  await app.click('nav-settings');
  await app.waitVisible('permission-matrix', 20_000);
  const el = await app.byTestId('permission-matrix');
  await app.driver.executeScript('arguments[0].scrollIntoView({block: "start"})', el);
}

/** Whether the matrix shows `role` (owner, manager, cashier, beautician) holding `permission`. */
export async function mayInMatrix(app, permission, role) {
  const cell = await app.driver.findElement(
    By.css(`[data-testid="permission-matrix"] tr[data-permission="${permission}"] td[data-role="${role}"]`),
  );
  return (await cell.getAttribute('data-allowed')) === 'true';
}
