// Permissions: the matrix the core enforces, and revealing a member's sensitive notes with a
// reason (audited by the core). Approvals are `approveAction` in commands.ts.
import type { MemberView, PermissionRow, RevealInput, SensitiveNotesView } from "./bindings";
import { call } from "./commands";

export const permissionMatrix = () => call<PermissionRow[]>("permission_matrix");

export const revealMemberNotes = (memberId: string, input: RevealInput) =>
  call<SensitiveNotesView>("reveal_member_notes", { memberId, input });

/** The member with her revealed notes in place. */
export const withNotes = (m: MemberView, n: SensitiveNotesView): MemberView =>
  ({ ...m, skinType: n.skinType, allergies: n.allergies, notes: n.notes, sensitiveHidden: false });
